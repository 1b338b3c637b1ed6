b = b'\xz'
c = b'\N{DASH}'
