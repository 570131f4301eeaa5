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

__all__ = [
    "CaseBriefIndexPage",
    "CaseBriefPage",
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
