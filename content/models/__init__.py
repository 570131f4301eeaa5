from .pages import (
    CaseBriefIndexPage,
    CaseBriefPage,
    CompetenceProfilePage,
    LearningIndexPage,
    LearningModulePage,
    LessonPage,
    SiteRootPage,
)
from .profile import (
    CompetenceArea,
    CoreTask,
    KnowledgeItem,
    ProfileSection,
    TradeOff,
    WorkProcess,
)
from .workflow import ColleagueReviewTask

__all__ = [
    "CaseBriefIndexPage",
    "CaseBriefPage",
    "ColleagueReviewTask",
    "CompetenceArea",
    "CompetenceProfilePage",
    "CoreTask",
    "KnowledgeItem",
    "LearningIndexPage",
    "LearningModulePage",
    "LessonPage",
    "ProfileSection",
    "SiteRootPage",
    "TradeOff",
    "WorkProcess",
]
