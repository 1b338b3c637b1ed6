# the machine word of the board: viper's uint(-1) is the largest word, sys.maxsize the largest
# small int (one bit less), whatever the architecture
import micropython
import sys


@micropython.viper
def all_ones() -> uint:
    return uint(-1)


print(all_ones() == (sys.maxsize << 1 | 1))
print(all_ones() + 1 == 2 * (sys.maxsize + 1))
