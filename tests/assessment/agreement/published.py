"""Published worked examples, as data, with where each value was published."""

from assessment.agreement import Rating

# Shrout, P. E. & Fleiss, J. L. (1979), "Intraclass correlations: uses in assessing rater
# reliability", Psychological Bulletin 86(2), 420-428: six targets rated by four judges
# (Table 1) and the six ICCs computed from it, published to two decimals.
SHROUT_FLEISS = [
    [9, 2, 5, 8],
    [6, 1, 3, 2],
    [8, 4, 6, 8],
    [7, 1, 2, 6],
    [10, 5, 6, 9],
    [6, 2, 4, 7],
]
SHROUT_FLEISS_ICC = {
    "ICC1": 0.17,
    "ICC2": 0.29,
    "ICC3": 0.71,
    "ICC1k": 0.44,
    "ICC2k": 0.62,
    "ICC3k": 0.91,
}

# SAS/STAT PROC FREQ (AGREE) printout for a 3 x 3 agreement table, rater 1 in rows, rater 2 in
# columns: simple kappa 0.4842, weighted kappa with SAS's default Cicchetti-Allison (linear)
# weights 0.4701. Recorded as the reference of statsmodels' own tests
# (statsmodels/stats/tests/test_inter_rater.py, TestUnweightedCohens / TestWeightedCohens).
SAS_TABLE = [[0, 4, 1], [0, 8, 0], [0, 1, 5]]
SAS_KAPPA = 0.4842
SAS_KAPPA_LINEAR = 0.4701

# Maplesoft, EssayTools[QuadraticWeightedKappa] help page, examples 1 and 2 (scores between
# the data's own minimum and maximum): 0.758620689655172 and 0.438095238095238.
MAPLE_RATER_A = [9, 7, 8, 7, 6, 8, 3, 5, 10]
MAPLE_EXAMPLES = [
    ([8, 8, 6, 6, 7, 6, 1, 4, 8], 0.758620689655172),
    ([3, 5, 6, 6, 7, 6, 1, 4, 8], 0.438095238095238),
]

# Fleiss, J. L. (1971), "Measuring nominal scale agreement among many raters", Psychological
# Bulletin 76(5), 378-382: 30 patients, 6 psychiatrists each, 5 diagnoses; kappa = .430
# (R irr::kappam.fleiss on its `diagnoses` data set, the same data: 0.4302445).
FLEISS_1971 = [
    [4, 4, 4, 4, 4, 4],
    [2, 2, 2, 5, 5, 5],
    [2, 3, 3, 3, 3, 5],
    [5, 5, 5, 5, 5, 5],
    [2, 2, 2, 4, 4, 4],
    [1, 1, 3, 3, 3, 3],
    [3, 3, 3, 3, 5, 5],
    [1, 1, 3, 3, 3, 4],
    [1, 1, 4, 4, 4, 4],
    [5, 5, 5, 5, 5, 5],
    [1, 4, 4, 4, 4, 4],
    [1, 2, 4, 4, 4, 4],
    [2, 2, 2, 3, 3, 3],
    [1, 4, 4, 4, 4, 4],
    [2, 2, 4, 4, 4, 5],
    [3, 3, 3, 3, 3, 5],
    [1, 1, 1, 4, 5, 5],
    [1, 1, 1, 1, 1, 2],
    [2, 2, 4, 4, 4, 4],
    [1, 3, 3, 5, 5, 5],
    [5, 5, 5, 5, 5, 5],
    [2, 4, 4, 4, 4, 4],
    [2, 2, 4, 5, 5, 5],
    [1, 1, 4, 4, 4, 4],
    [1, 4, 4, 4, 4, 5],
    [2, 2, 2, 2, 2, 4],
    [1, 1, 1, 1, 5, 5],
    [2, 2, 4, 4, 4, 4],
    [1, 3, 3, 3, 3, 3],
    [5, 5, 5, 5, 5, 5],
]
FLEISS_1971_KAPPA = 0.430

# Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories, given as
# the number of raters per category; kappa = 0.210.
WIKIPEDIA_COUNTS = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
]
WIKIPEDIA_KAPPA = 0.210


def ratings_from_matrix(matrix):
    """Subjects in rows, raters in columns."""
    return [
        Rating(f"S{row + 1:02}", f"R{column + 1}", value)
        for row, values in enumerate(matrix)
        for column, value in enumerate(values)
    ]


def ratings_from_table(table):
    """Two raters' agreement table (rater 1's level in rows, rater 2's in columns, levels
    numbered from 1) as one pair of ratings per counted subject."""
    pairs = [
        (row + 1, column + 1)
        for row, counts in enumerate(table)
        for column, count in enumerate(counts)
        for _ in range(count)
    ]
    return ratings_from_matrix(pairs)


def ratings_from_counts(counts):
    """Per subject the number of raters per category (numbered from 1): each subject's raters
    named R1, R2, … in category order (Fleiss' kappa does not need the same raters)."""
    return ratings_from_matrix(
        [
            [category + 1 for category, count in enumerate(row) for _ in range(count)]
            for row in counts
        ]
    )


def csv_text(matrix, column="score"):
    lines = [f"subject,rater,{column}"]
    lines += [f"{r.subject},{r.rater},{r.value}" for r in ratings_from_matrix(matrix)]
    return "\n".join(lines) + "\n"
