# micropython-lib's requests against the host's HTTP server (argv[1]).
import requests
import sys
try:
    import network  # a board with a radio: no traffic until the WLAN is up
    wlan = network.WLAN(network.STA_IF)
    wlan.active(True)
    wlan.connect("HomeNetwork", "password")
except ImportError:
    pass  # the unix port: the host network

base = "http://127.0.0.1:%s" % sys.argv[1]
r = requests.get(base + "/hello")
print(r.status_code, r.text)
r.close()
print(requests.get(base + "/data.json").json())
print(requests.get(base + "/chunked").content)
r = requests.post(base + "/echo", json={"a": 1, "b": [True, None]})
print(r.status_code, r.text)
print(requests.post(base + "/echo", data="plain text").text)
r = requests.get(base + "/missing")
print(r.status_code, r.reason, r.text)
print(requests.get(base + "/query?x=1&y=two").text)
