# repr, str, %-formatting and str.format of single-precision floats
values = [0.1, 1 / 3, 2 / 3, 9.89, 78281.57, 1e10, 1e16, 1e22, 123456789.0, 16777216.0,
          3.4028235e38, 1.17549435e-38, 1e-40, 0.5, 2.5, -0.0006, 8.888e32, 100.0, 1e7, 1.5e-7]
for v in values:
    print(v, repr(v), str(v), [v], (v,), {"k": v})
    print("%s|%r|%f|%.2f|%e|%g|%.9g|%.12g" % (v, v, v, v, v, v, v, v))
    print("{}|{!r}|{:f}|{:.3e}|{:10.4}|{:<12g}|{:+.1%}".format(v, v, v, v, v, v, v))
    print(f"{v}|{v:.2f}|{v:012.5f}|{v:G}|{v:E}")
print(complex(9.89, -0.0006), 9.89j, 1 / 3j)
print("%(a).2f %(a)s %(b)d %%" % {"a": 8.888e32, "b": 3})
print("%*.*f|%-9.2e|%+08.3f|%d|%f" % (12, 2, 1e30, 3.0, -2.5, 3.7, 16777217))
print("%.2f" % 8.888e32, "%.0f" % 1e38, "%f" % 1e30, "%.20f" % 0.1, "%.15e" % (1 / 3))
print("%g %g %g %g" % (1e-5, 1e-4, 123456, 1234567), "{:g}".format(0.0001234))
print(str(1e7), str(1e8), str(1e15), str(1e16), str(1e17), repr(1234567.0))
print(float("inf"), float("-inf"), float("nan"), -float("nan"), "%f %e %g" % (1e39, -1e39, 1e39))
