# floats print as MicroPython's formatfloat.c prints them, not as CPython's repr
import json

values = [9.89, 0.1, -0.0006, 78281.57, 8.888e32, 1e22, 5e-324, 2.5, 1e16, 123456789.0]
for v in values:
    print(v, repr(v), str(v), [v], (v,), {"k": v})
    print("%s|%r|%f|%.2f|%e|%g|%.17g" % (v, v, v, v, v, v, v))
    print("{}|{!r}|{:f}|{:.3e}|{:10.4}|{:<12g}|{:+.1%}".format(v, v, v, v, v, v, v))
    print(f"{v}|{v:.2f}|{v:012.5f}")
print(complex(9.89, -0.0006), 9.89j)
print(json.dumps(values))
print("%(a).2f %(a)s %(b)d %%" % {"a": 8.888e32, "b": 3})
print("%*.*f|%-9.2e|%+08.3f|%d" % (12, 2, 1e30, 3.0, -2.5, 3.7))
print("{:,.2f}".format(1234567.891))
print("%.2f" % 8.888e32, "%.0f" % 1e40, "%f" % 1e30)
