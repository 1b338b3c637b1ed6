for v in [0, 7, -7, 255, 65536, -2 ** 33]:
    print("%5d|%-5d|%05d|%+d|%x|%o" % (v, v, v, v, v, v), "{:>8}|{:<8}|{:^8}|{:08}|{:+}|{:b}".format(v, v, v, v, v, v))
print("{:,}".format(1234567) if True else "", "{:_}".format(1234567) if False else "", "{:c}".format(65), "%c" % 97)
