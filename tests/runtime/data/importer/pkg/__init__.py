VALUE = 42
from .util import double
