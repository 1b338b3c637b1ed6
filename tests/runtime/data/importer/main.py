import pkg
from pkg import util
from pkg.util import *
import pkg.util as pu
print(pkg.VALUE, pkg.double(4), util.double(5), double(6), visible, pu.visible)
try:
    _hidden
except NameError as e:
    print("NameError", e)
import sys
print("pkg.util" in sys.modules, __name__)
