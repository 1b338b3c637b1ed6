"""The guest's `network` module: a WLAN that joins instantly in emulation.

Boards without radio (the plain Pico, the pyboard) have no `network`: importing it fails
as on the real board. A board file may list the access points in range ([[wifi]] entries
with ssid, password, rssi, channel); without any, every connect succeeds.
"""

from __future__ import annotations

import hashlib

from mpt.runtime.board.guest.hardware import GuestHardware, bind, guest_classes, hardware_for

DEFAULT_NETWORKS = [
    {"ssid": "HomeNetwork", "rssi": -48, "channel": 6, "security": 3},
    {"ssid": "Office-5G", "rssi": -67, "channel": 1, "security": 3},
    {"ssid": "CoffeeShop", "rssi": -79, "channel": 11, "security": 0},
]
MAC_PREFIX = bytes.fromhex("a4cf12")
STA_ADDRESS = ("192.168.1.42", "255.255.255.0", "192.168.1.1", "192.168.1.1")
AP_ADDRESS = ("192.168.4.1", "255.255.255.0", "192.168.4.1", "0.0.0.0")


def make_module(ctx):
    hw = hardware_for(ctx)
    board = hw.board
    wlan = bind(WLAN, hw, _interfaces={}, _declared=board.wifi_networks,
                _in_range=board.wifi_networks or DEFAULT_NETWORKS)
    attrs = {"WLAN": wlan, "STA_IF": 0, "AP_IF": 1}
    attrs.update(hw.port.wlan_status_codes)

    def hostname(name=None):
        if name is None:
            return wlan(0)._config["hostname"]
        wlan(0)._config["hostname"] = name

    def ipconfig(*args, **kwargs):
        if kwargs:
            return None
        if args == ("dns",):
            return wlan(0)._address[3]
        if args == ("prefer",):
            return 4
        raise ValueError("unexpected key")

    attrs["hostname"] = hostname
    attrs["country"] = make_country(board)
    attrs["ipconfig"] = ipconfig
    return guest_classes(attrs)


def _bssid(ssid):
    return hashlib.sha256(ssid.encode()).digest()[:6]


class WLAN:
    """network.WLAN: one object per interface (bound per interpreter: _bind_wlan_class)."""
    _hw: GuestHardware
    _interfaces: dict[int, "WLAN"]
    _interface: int  # set in __new__
    _declared: list  # the board file's access points ([[wifi]])
    _in_range: list  # what a scan finds: those, or a default set
    IF_STA, IF_AP = 0, 1
    SEC_OPEN, SEC_WEP, SEC_WPA_WPA2 = 0, 1, 4
    PM_NONE, PM_PERFORMANCE, PM_POWERSAVE = 0, 1, 2

    def __new__(cls, interface=0):
        if interface not in (0, 1):
            raise ValueError("invalid WLAN interface identifier")
        wlan = cls._interfaces.get(interface)
        if wlan is None:
            wlan = cls._interfaces[interface] = object.__new__(cls)
            wlan._interface = interface
            wlan._active = False
            wlan._status = cls._hw.port.wlan_status_codes["STAT_IDLE"]
            wlan._ssid = None
            wlan._address = AP_ADDRESS if interface == 1 else STA_ADDRESS
            wlan._config = {"ssid": "MPY-EMU" if interface == 1 else "",
                            "channel": 1, "hostname": "mpy-" + cls._hw.port.name,
                            "mac": MAC_PREFIX + cls._hw.board.profile.unique_id[-3:],
                            "txpower": 20, "key": "", "security": 0, "reconnects": -1,
                            "pm": 0}
        return wlan

    def __init__(self, interface=0):
        pass

    def active(self, is_active=None):
        if is_active is None:
            return self._active
        self._active = bool(is_active)
        if not self._active:
            self._status = self._hw.port.wlan_status_codes["STAT_IDLE"]
            self._ssid = None
        self._link(self._interface == 1 and self._active)
        self._hw.board.tracer.emit("wifi", "WLAN%d" % self._interface, int(self._active),
                                   "active")
        return None

    def connect(self, ssid=None, key=None, *, bssid=None):
        if self._interface != 0:
            raise OSError(self._hw.port.wlan_error("sta_required"))
        if not self._active:
            raise OSError(self._hw.port.wlan_error("not_started"))
        network = next((n for n in self._in_range if n["ssid"] == ssid), None)
        if self._declared and network is None:
            self._status = self._hw.port.wlan_status_codes["STAT_NO_AP_FOUND"]
        elif self._declared and network.get("password") not in (None, key or ""):
            self._status = self._hw.port.wlan_status_codes["STAT_WRONG_PASSWORD"]
        else:
            self._status = self._hw.port.wlan_status_codes["STAT_GOT_IP"]
            self._ssid = ssid
            self._link(True)
        self._hw.board.tracer.emit("wifi", "WLAN0", ssid, "connect")

    def disconnect(self):
        self._ssid = None
        self._status = self._hw.port.wlan_status_codes["STAT_IDLE"]
        self._link(False)

    def _link(self, up: bool) -> None:
        """Whether this interface carries traffic: the socket module reads the set of
        interfaces that do (links_up); without one, sockets reach nothing."""
        links = links_up(self._hw.ctx)
        if up:
            links.add(self._interface)
        else:
            links.discard(self._interface)

    def isconnected(self):
        if self._interface == 1:
            return self._active
        got_ip = self._hw.port.wlan_status_codes["STAT_GOT_IP"]
        return self._active and self._status == got_ip

    def status(self, param=None):
        if param is None:
            return self._status
        if param == "rssi":
            if not self.isconnected():
                raise OSError(self._hw.port.wlan_error("not_connected"))
            network = next((n for n in self._in_range if n["ssid"] == self._ssid), None)
            return network.get("rssi", -50) if network else -50
        if param == "stations":
            return []
        raise ValueError("unknown status param")

    def scan(self):
        if not self._active:
            raise OSError(self._hw.port.wlan_error("not_started"))
        return [(n["ssid"].encode(), _bssid(n["ssid"]), n.get("channel", 6),
                 n.get("rssi", -60), n.get("security", 3), False) for n in self._in_range]

    def ifconfig(self, config=None):
        if config is None:
            return self._address
        if config != "dhcp":
            self._address = tuple(config)
        return None

    def ipconfig(self, *args, **kwargs):
        """The newer interface: ipconfig('addr4'), ipconfig('gw4'), ipconfig(dhcp4=True)."""
        ip, mask, gateway, _dns = self._address
        values = {"addr4": (ip, mask), "gw4": gateway, "dhcp4": self._interface == 0,
                  "has_dhcp4": self._interface == 0, "addr6": [], "autoconf6": False,
                  "has_autoconf6": False}
        if kwargs:
            if "addr4" in kwargs:
                ip, mask = kwargs["addr4"] if isinstance(kwargs["addr4"], tuple) else \
                    (kwargs["addr4"].split("/")[0], mask)
                self._address = (ip, mask, gateway, _dns)
            return None
        if len(args) != 1:
            raise TypeError("can query only one param")
        if args[0] not in values:
            raise ValueError("unexpected key")
        return values[args[0]]

    def config(self, *args, **kwargs):
        if kwargs:
            for name, value in kwargs.items():
                if name not in self._config:
                    raise ValueError("unknown config param")
                self._config[name] = value
            return None
        if len(args) != 1:
            raise TypeError("can query only one param")
        name = args[0]
        if name == "essid" or name == "ssid":
            return self._ssid or self._config["ssid"] if self._interface == 0 \
                else self._config["ssid"]
        if name not in self._config:
            raise ValueError("unknown config param")
        return self._config[name]



def links_up(ctx) -> set:
    """The WLAN interfaces of this interpreter that are up (STA connected, AP active)."""
    return ctx.extra.setdefault("wlan_links_up", set())


def make_country(board):
    """network.country (also rp2.country on the Pico W): the regulatory domain, "XX" at boot."""
    def country(code=None):
        if code is None:
            return board.wifi_country
        if len(code) != 2:
            raise ValueError()
        board.wifi_country = code
        return None
    return country
