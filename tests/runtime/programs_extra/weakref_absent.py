for name in ("weakref", "uweakref"):
    try:
        __import__(name)
        print("imported", name)
    except ImportError as e:
        print("ImportError:", e)
