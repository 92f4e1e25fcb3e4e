"""B: boilerplate, site furniture and sign-offs that are not article text."""
from .boilerplate_phrase import BoilerplatePhrase
from .learned_boilerplate import LearnedBoilerplate

RULES = [BoilerplatePhrase, LearnedBoilerplate]
