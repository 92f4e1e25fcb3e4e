"""B: boilerplate, site furniture, sign-offs and wire metadata that are not article text."""
from .boilerplate_phrase import BoilerplatePhrase
from .furniture_line import FurnitureLine
from .learned_boilerplate import LearnedBoilerplate
from .wire_metadata import WireMetadata

RULES = [BoilerplatePhrase, LearnedBoilerplate, FurnitureLine, WireMetadata]
