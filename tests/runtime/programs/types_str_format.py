print("{} {} {}".format(1, "a", 2.5), "{0}{1}{0}".format("x", "y"), "{a}-{b}".format(a=1, b=2))
print("{:5}|{:<5}|{:>5}|{:^5}|".format(1, 2, 3, 4), "{:*^9}".format("mid"), "{:=+6}".format(5))
print("{:5}|{:<5}|{:>5}|{:^5}|".format("a", "b", "c", "d"))
print("{:d} {:x} {:X} {:o} {:b} {:#x} {:#b} {:#o}".format(10, 255, 255, 8, 5, 255, 5, 8))
print("{:,}".format(1234567) if False else "", "{:08.3f}".format(3.14159), "{:.2e}".format(12345.6789))
print("{:.3g} {:g} {:G} {:%} {:.1%}".format(1234.5, 0.00001, 1e30, 0.25, 0.123))
print("{!r} {!s}".format("q", "q"))
print("{{}} {{{}}}".format(7), "{:+.2f} {: .1f}".format(2.5, 2.5), "{:>10.3s}|".format("abcdef"))
print("{:c}".format(65), "{:n}".format(12), "{}".format(None), "{}".format([1, "a"]))
print("{:05}".format(-3), "{:<05}".format(3), "{:x<4}".format(1), "{:10}|".format(1.5))
print("{:.0f} {:.0f}".format(0.25, 1.75), "{:e}".format(0), "{:f}".format(1e10))
for f in (lambda: "{}{}".format(1), lambda: "{0}{}".format(1, 2), lambda: "{a}".format(1),
          lambda: "{:d}".format("x"), lambda: "{:s}".format(1), lambda: "{".format(1),
          lambda: "}".format(1), lambda: "{:x}".format(1.5),
          lambda: "{!x}".format(1), lambda: "{:=5}".format("a")):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
