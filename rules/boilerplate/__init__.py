"""B: boilerplate, site furniture and sign-offs that are not article text."""
from .boilerplate_phrase import BoilerplatePhrase

RULES = [BoilerplatePhrase]
