from micropython import const
X = const(1)
X = const(2)
