"""StreamField blocks of lessons, modules and case briefs."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.images.blocks import ImageChooserBlock

import calcengine
from content.worked_example import worked_example_table

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "ol", "ul", "link", "document-link"]


class ImageWithCaptionBlock(blocks.StructBlock):
    image = ImageChooserBlock(label=_("afbeelding"))
    alt_text = blocks.CharBlock(
        label=_("alternatieve tekst"),
        max_length=250,
        help_text=_("Beschrijf wat er op de afbeelding staat, voor wie haar niet kan zien."),
    )
    caption = blocks.CharBlock(label=_("bijschrift"), max_length=300, required=False)
    attribution = blocks.CharBlock(label=_("bron"), max_length=200, required=False)

    class Meta:
        icon = "image"
        label = _("Afbeelding met bijschrift")
        template = "blocks/image_with_caption.html"


class CalloutBlock(blocks.StructBlock):
    """A box that stands out: a safety note (veiligheid) must not be missed."""

    kind = blocks.ChoiceBlock(
        label=_("soort"),
        choices=[
            ("safety", _("Veiligheid")),
            ("attention", _("Let op")),
            ("tip", _("Tip uit de praktijk")),
        ],
        default="safety",
    )
    title = blocks.CharBlock(label=_("titel"), max_length=120)
    text = blocks.RichTextBlock(label=_("tekst"), features=["bold", "italic", "ul", "ol", "link"])

    class Meta:
        icon = "warning"
        label = _("Kader (veiligheid, let op, tip)")
        template = "blocks/callout.html"


class WorkedExampleBlock(blocks.StructBlock):
    """A worked calculation: a schadecalc/1 input that the engine computes when the page renders.

    The figures are never typed by hand, so the lesson and the engine cannot disagree.
    """

    title = blocks.CharBlock(label=_("titel"), max_length=160)
    introduction = blocks.RichTextBlock(
        label=_("inleiding"), features=["bold", "italic", "ul", "ol"], required=False
    )
    calculation_input = blocks.TextBlock(
        label=_("calculatie-invoer (schadecalc/1, JSON)"),
        help_text=_(
            "Een volledige schadecalc/1-invoer; de uitkomst wordt berekend door de rekenkern."
        ),
    )
    explanation = blocks.RichTextBlock(
        label=_("uitleg bij de uitkomst"), features=["bold", "italic", "ul", "ol"], required=False
    )

    class Meta:
        icon = "table"
        label = _("Uitgewerkt rekenvoorbeeld")
        template = "blocks/worked_example.html"

    def clean(self, value):
        value = super().clean(value)
        try:
            calcengine.parse(calcengine.loads(value["calculation_input"]))
        except calcengine.InputError as exc:
            problems = "; ".join(
                f"{error['path'] or 'invoer'}: {error['message']}" for error in exc.errors[:5]
            )
            raise StructBlockValidationError(
                block_errors={
                    "calculation_input": ValidationError(
                        _("De calculatie-invoer is ongeldig: %(problems)s") % {"problems": problems}
                    )
                }
            ) from None
        return value

    def get_context(self, value, parent_context=None) -> dict[str, Any]:
        context = super().get_context(value, parent_context=parent_context)
        context["table"] = worked_example_table(value["calculation_input"])
        return context


class SelfCheckBlock(blocks.StructBlock):
    """A short question with its answer and feedback behind a <details> element (no script)."""

    question = blocks.CharBlock(label=_("vraag"), max_length=300)
    choices = blocks.ListBlock(
        blocks.CharBlock(label=_("antwoord"), max_length=300),
        label=_("antwoordmogelijkheden"),
        min_num=2,
    )
    correct_choice = blocks.IntegerBlock(
        label=_("nummer van het goede antwoord"),
        min_value=1,
        help_text=_("1 is het eerste antwoord."),
    )
    feedback = blocks.RichTextBlock(label=_("toelichting"), features=["bold", "italic", "ul", "ol"])

    class Meta:
        icon = "help"
        label = _("Zelftoets-vraag")
        template = "blocks/self_check.html"

    def clean(self, value):
        value = super().clean(value)
        if value["correct_choice"] > len(value["choices"]):
            raise StructBlockValidationError(
                block_errors={
                    "correct_choice": ValidationError(
                        _("Er zijn maar %(count)d antwoordmogelijkheden.")
                        % {"count": len(value["choices"])}
                    )
                }
            )
        return value

    def get_context(self, value, parent_context=None) -> dict[str, Any]:
        context = super().get_context(value, parent_context=parent_context)
        index = value["correct_choice"] - 1
        choices = list(value["choices"])
        context["correct_answer"] = choices[index] if 0 <= index < len(choices) else ""
        return context


class LessonStreamBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label=_("tekst"), features=RICH_TEXT_FEATURES, icon="pilcrow")
    image = ImageWithCaptionBlock()
    callout = CalloutBlock()
    worked_example = WorkedExampleBlock()
    self_check = SelfCheckBlock()

    class Meta:
        label = _("inhoud")


class IntroStreamBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(label=_("tekst"), features=RICH_TEXT_FEATURES, icon="pilcrow")
    image = ImageWithCaptionBlock()
    callout = CalloutBlock()
