# a .mpy file holding machine code for another architecture (rv32imc, which none of the
# boards nor the unix port runs) is refused when imported
try:
    import rv32_module
except ValueError as e:
    print("ValueError", e)
