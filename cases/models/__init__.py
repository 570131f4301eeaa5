# Each module declares __all__; Django finds the models through this package.
from .attempt import *  # noqa: F403
from .calc_review import *  # noqa: F403
from .calculation import *  # noqa: F403
from .case import *  # noqa: F403
from .paint_drill import *  # noqa: F403
from .practice_variant import *  # noqa: F403
from .workshop_day import *  # noqa: F403
