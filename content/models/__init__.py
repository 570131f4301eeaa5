from .profile import (
    CompetenceArea,
    CoreTask,
    KnowledgeItem,
    ProfileSection,
    TradeOff,
    WorkProcess,
)

__all__ = [
    "CompetenceArea",
    "CoreTask",
    "KnowledgeItem",
    "ProfileSection",
    "TradeOff",
    "WorkProcess",
]
