for s in ["abc", "ABC", "aBc", "123", "a1", " ", "", "\t\n", "Ab Cd"]:
    print(repr(s), s.isalpha(), s.isdigit(), s.isspace(), s.isupper(), s.islower())
