import sys
print(type(sys.platform).__name__, len(sys.platform) > 0)
print(sys.version_info[0], sys.version_info.major if hasattr(sys.version_info, "major") else "nomajor")
print(callable(sys.exit), callable(sys.print_exception))
try:
    sys.foo = 1
except AttributeError as e:
    print("AttributeError", e)
try:
    sys.no_attr
except AttributeError as e:
    print("AttributeError", e)
print(sys.__name__)
import usys
print(usys is sys)
