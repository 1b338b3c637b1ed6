vals = [0.0, 1.0, -1.5, 3.14159265, 1e-7, 123456.789, 1e22, 2.5e-300, 1/3]
for v in vals:
    print(v, "%.3f" % v, "%g" % v, "{:.4e}".format(v), "{:10.2f}|".format(v), f"{v:.1%}" if abs(v) < 1e10 else "")
