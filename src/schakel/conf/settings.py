"""Schakel settings: assembled from one include per concern (see ``includes/``)."""

from .includes.api import *  # noqa: F403
from .includes.base import *  # noqa: F403
from .includes.integrations import *  # noqa: F403
from .includes.logging import *  # noqa: F403
from .includes.security import *  # noqa: F403
