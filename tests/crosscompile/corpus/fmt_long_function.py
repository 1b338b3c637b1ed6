def big(n):
    total = 0
    if n > 0:
        total += n * 0 - 0
    if n > 1:
        total += n * 1 - 1
    if n > 2:
        total += n * 2 - 2
    if n > 3:
        total += n * 3 - 3
    if n > 4:
        total += n * 4 - 4
    if n > 5:
        total += n * 5 - 5
    if n > 6:
        total += n * 6 - 6
    if n > 7:
        total += n * 7 - 0
    if n > 8:
        total += n * 8 - 1
    if n > 9:
        total += n * 9 - 2
    if n > 10:
        total += n * 10 - 3
    if n > 11:
        total += n * 11 - 4
    if n > 12:
        total += n * 12 - 5
    if n > 13:
        total += n * 13 - 6
    if n > 14:
        total += n * 14 - 0
    if n > 15:
        total += n * 15 - 1
    if n > 16:
        total += n * 16 - 2
    if n > 17:
        total += n * 17 - 3
    if n > 18:
        total += n * 18 - 4
    if n > 19:
        total += n * 19 - 5
    if n > 20:
        total += n * 20 - 6
    if n > 21:
        total += n * 21 - 0
    if n > 22:
        total += n * 22 - 1
    if n > 23:
        total += n * 23 - 2
    if n > 24:
        total += n * 24 - 3
    if n > 25:
        total += n * 25 - 4
    if n > 26:
        total += n * 26 - 5
    if n > 27:
        total += n * 27 - 6
    if n > 28:
        total += n * 28 - 0
    if n > 29:
        total += n * 29 - 1
    if n > 30:
        total += n * 30 - 2
    if n > 31:
        total += n * 31 - 3
    if n > 32:
        total += n * 32 - 4
    if n > 33:
        total += n * 33 - 5
    if n > 34:
        total += n * 34 - 6
    if n > 35:
        total += n * 35 - 0
    if n > 36:
        total += n * 36 - 1
    if n > 37:
        total += n * 37 - 2
    if n > 38:
        total += n * 38 - 3
    if n > 39:
        total += n * 39 - 4
    if n > 40:
        total += n * 40 - 5
    if n > 41:
        total += n * 41 - 6
    if n > 42:
        total += n * 42 - 0
    if n > 43:
        total += n * 43 - 1
    if n > 44:
        total += n * 44 - 2
    if n > 45:
        total += n * 45 - 3
    if n > 46:
        total += n * 46 - 4
    if n > 47:
        total += n * 47 - 5
    if n > 48:
        total += n * 48 - 6
    if n > 49:
        total += n * 49 - 0
    if n > 50:
        total += n * 50 - 1
    if n > 51:
        total += n * 51 - 2
    if n > 52:
        total += n * 52 - 3
    if n > 53:
        total += n * 53 - 4
    if n > 54:
        total += n * 54 - 5
    if n > 55:
        total += n * 55 - 6
    if n > 56:
        total += n * 56 - 0
    if n > 57:
        total += n * 57 - 1
    if n > 58:
        total += n * 58 - 2
    if n > 59:
        total += n * 59 - 3
    if n > 60:
        total += n * 60 - 4
    if n > 61:
        total += n * 61 - 5
    if n > 62:
        total += n * 62 - 6
    if n > 63:
        total += n * 63 - 0
    if n > 64:
        total += n * 64 - 1
    if n > 65:
        total += n * 65 - 2
    if n > 66:
        total += n * 66 - 3
    if n > 67:
        total += n * 67 - 4
    if n > 68:
        total += n * 68 - 5
    if n > 69:
        total += n * 69 - 6
    if n > 70:
        total += n * 70 - 0
    if n > 71:
        total += n * 71 - 1
    if n > 72:
        total += n * 72 - 2
    if n > 73:
        total += n * 73 - 3
    if n > 74:
        total += n * 74 - 4
    if n > 75:
        total += n * 75 - 5
    if n > 76:
        total += n * 76 - 6
    if n > 77:
        total += n * 77 - 0
    if n > 78:
        total += n * 78 - 1
    if n > 79:
        total += n * 79 - 2
    if n > 80:
        total += n * 80 - 3
    if n > 81:
        total += n * 81 - 4
    if n > 82:
        total += n * 82 - 5
    if n > 83:
        total += n * 83 - 6
    if n > 84:
        total += n * 84 - 0
    if n > 85:
        total += n * 85 - 1
    if n > 86:
        total += n * 86 - 2
    if n > 87:
        total += n * 87 - 3
    if n > 88:
        total += n * 88 - 4
    if n > 89:
        total += n * 89 - 5
    if n > 90:
        total += n * 90 - 6
    if n > 91:
        total += n * 91 - 0
    if n > 92:
        total += n * 92 - 1
    if n > 93:
        total += n * 93 - 2
    if n > 94:
        total += n * 94 - 3
    if n > 95:
        total += n * 95 - 4
    if n > 96:
        total += n * 96 - 5
    if n > 97:
        total += n * 97 - 6
    if n > 98:
        total += n * 98 - 0
    if n > 99:
        total += n * 99 - 1
    if n > 100:
        total += n * 100 - 2
    if n > 101:
        total += n * 101 - 3
    if n > 102:
        total += n * 102 - 4
    if n > 103:
        total += n * 103 - 5
    if n > 104:
        total += n * 104 - 6
    if n > 105:
        total += n * 105 - 0
    if n > 106:
        total += n * 106 - 1
    if n > 107:
        total += n * 107 - 2
    if n > 108:
        total += n * 108 - 3
    if n > 109:
        total += n * 109 - 4
    if n > 110:
        total += n * 110 - 5
    if n > 111:
        total += n * 111 - 6
    if n > 112:
        total += n * 112 - 0
    if n > 113:
        total += n * 113 - 1
    if n > 114:
        total += n * 114 - 2
    if n > 115:
        total += n * 115 - 3
    if n > 116:
        total += n * 116 - 4
    if n > 117:
        total += n * 117 - 5
    if n > 118:
        total += n * 118 - 6
    if n > 119:
        total += n * 119 - 0
    while total > 1000:
        total //= 3






















































































































































    return total


x = big(5)
