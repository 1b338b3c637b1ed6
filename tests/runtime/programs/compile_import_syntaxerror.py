# importing a module whose source does not compile raises SyntaxError at the import
import sys
with open("broken_mod_for_test.py", "w") as f:
    f.write("x = 1\n\ndef f(:\n    pass\n")
with open("badindent_mod_for_test.py", "w") as f:
    f.write("if 1:\n  a = 1\n    b = 2\n")
try:
    import broken_mod_for_test
except SyntaxError as e:
    print("SyntaxError", e)
    sys.print_exception(e)
print("broken_mod_for_test" in sys.modules)
try:
    import broken_mod_for_test
except SyntaxError as e:
    print("again", e)
try:
    from badindent_mod_for_test import a
except SyntaxError as e:
    print(type(e).__name__, e)
import os
os.remove("broken_mod_for_test.py")
os.remove("badindent_mod_for_test.py")
