"""Plausible readings for every uCIFI object (3410-3439, 3445-3461), used by gen_tlv.py for vectors/tlv/ucifi.json.

Each reading is (object, request path, description, instances). Instances map an instance id to a list of
(resource id, value) or (resource id, [(resource-instance id, value), ...]) for Multiple Resources. Python value
kinds must match the registry type: float for Float, int for Integer/Time, bool, str, bytes for Opaque. The request
path is /O (each instance wrapped) or /O/I (bare resources). Values are invented, never taken from the registry text.
"""

T = 1735732800  # 2025-01-01T12:00:00Z
DAY = 86400

READINGS = [
    (3410, "/3410", "Device extension read at the object path (single-instance object, so one wrapper): identity strings, installation date, DST table (Multiple Resources 11-13), uptime", {0: [
        (1, "04012345678901"), (2, "ACME"), (3, "Lamp post 12"), (4, "AST-000812"), (5, T - 400 * DAY),
        (6, False), (7, False), (9, 9504), (11, [(0, 1743296400)]), (12, [(0, 1761440400)]),
        (13, [(0, "+01:00")]), (14, 3 * DAY), (15, False)]}),
    (3411, "/3411/0", "Battery: level, capacity, voltage (3.6 V is not a binary32, so 8 bytes), type, threshold, flags, timestamp 5518 and quality 6042/6049 (16-bit ids)", {0: [
        (1, 87), (2, 19.0), (3, 3.6), (4, "Li-SOCl2"), (5, 10), (6, False), (8, 3), (9, False), (10, 0),
        (5518, T), (6042, 0), (6049, 100)]}),
    (3412, "/3412/0", "LoRaWAN communication: network type, Multiple Resources 4 (network address) and 8 (multicast groups), data rate, transmit power, frequency (868.1 MHz needs 8 bytes), SNR, RSSI", {0: [
        (1, "LoRaWAN"), (4, [(0, "26011BDA")]), (6, "70B3D57ED0051234"), (8, [(0, "2601FFFF"), (1, "2601FFFE")]),
        (10, 250), (11, 14.0), (12, 868100000.0), (13, T - 3600), (14, 3600), (17, 0), (18, 7.5), (19, False),
        (20, -97.0)]}),
    (3413, "/3413/0", "Generic actuator: dimming levels and commands, two scheduler ids (Multiple Resource 5), timestamp", {0: [
        (1, 100), (2, 80), (3, 80), (4, 80), (5, [(0, 1), (1, 2)]), (6, False), (5518, T)]}),
    (3414, "/3414/0", "Data bridge: opaque payload, hash, daily volumes (1024 needs 2 bytes), priority, creation time, format, app id", {0: [
        (1, bytes.fromhex("a2016474656d70fb4039000000000000")), (2, "9f86d081"), (3, 1024), (4, 256), (5, 1280),
        (6, False), (7, 2), (8, T - 60), (10, "cbor"), (11, 42), (5518, T)]}),
    (3415, "/3415", "Time synchronization read at the object path (single-instance object): NTP servers, period, last sync, error flag", {0: [
        (1, "pool.ntp.org"), (2, "time.example.net"), (3, 24), (4, 2), (5, False)]}),
    (3416, "/3416/0", "Outdoor lamp controller: command and dimming, failures, scheduler (Multiple 13), operating hours, switch counter, gear temperature, control type (Multiple 35), wattage, colour temperature, power and energy, timestamp", {0: [
        (1, 70), (2, 70), (3, 70), (4, 100), (5, False), (7, False), (13, [(0, 3)]), (15, 12345.5),
        (17, T - 6 * 3600), (18, 4021), (21, 41.5), (35, [(0, 1)]), (36, 60), (40, 3000), (46, 42.25),
        (47, 512.75), (5518, T), (6049, 100)]}),
    (3417, "/3417/0", "Luminaire asset: GTIN, year and week of manufacture, light output, distribution, colour, power figures, mains range, CRI, CCT", {0: [
        (1, "08712345678906"), (2, 2021), (3, 14), (4, 7200), (5, 2), (6, "RAL 7016"), (7, 60.0), (8, 9.5),
        (9, 254), (10, 198), (11, 70), (12, 3000)]}),
    (3418, "/3418/0", "Electrical monitor: voltage, current, frequency, power, power factor (0.96 in 8 bytes), energy, low-power flag, thresholds per custom dim level (Multiple 31), dimming level, timestamp", {0: [
        (1, 230.5), (2, 0.25), (3, 50.0), (4, 57.5), (5, 0.96), (6, 123456.5), (9, False),
        (31, [(0, 10.0), (1, 20.0)]), (35, 100), (5518, T)]}),
    (3419, "/3419/0", "Photocell: ON/OFF lux levels, status, timestamp and fractional timestamp 6050", {0: [
        (1, 20.0), (2, 40.0), (3, True), (5518, T), (6050, 0.25)]}),
    (3420, "/3420", "LED colour light (one resource) read at the object path: two instances, each wrapped", {0: [
        (1, "#FF8800")], 1: [(1, "#0044CC")]}),
    (3421, "/3421/0", "Single-phase meter: voltage, current, frequency (49.98 in 8 bytes), power factor, active power, import energy, power failures (a Float resource), voltage cut, timestamp and quality", {0: [
        (1, 231.25), (6, 4.5), (11, 49.98), (13, 0.98), (16, 1035.5), (25, 1523456.0), (37, 3.0), (53, False),
        (5518, T), (6042, 0), (6049, 100)]}),
    (3422, "/3422/0", "Three-phase complement: line voltages, total current, power factor, active power, energy, failures, meter instances of L1-L3", {0: [
        (1, 400.5), (2, 401.0), (3, 399.5), (4, 12.75), (5, 0.95), (8, 8250.0), (17, 4500000.0), (29, 2),
        (35, False), (36, 0), (37, 1), (38, 2)]}),
    (3423, "/3423/0", "Gas meter: cumulated volume, meter type, pulses (152312 needs 4 bytes), pulse ratio, flow rates, alarm flags, timestamp", {0: [
        (1, 1523.125), (3, "diaphragm"), (4, 152312), (6, 10), (7, 0.0), (8, 0.00125), (9, False), (10, False),
        (11, False), (5518, T)]}),
    (3424, "/3424/0", "Water meter: cumulated volume 1234.5 m3 (4-byte float), meter type, pulses, ratio, flow rates, alarm flags, timestamp, fractional timestamp, quality", {0: [
        (1, 1234.5), (3, "ultrasonic"), (4, 1234500), (6, 1000), (7, 0.0), (8, 0.002), (9, False), (10, False),
        (11, False), (12, False), (13, False), (5518, T), (6050, 0.5), (6042, 0), (6049, 100)]}),
    (3424, "/3424", "Two water meters (cold and hot) read at the object path: two instance wrappers", {0: [
        (1, 1234.5), (3, "cold"), (9, False), (5518, T)], 1: [(1, 87.25), (3, "hot"), (9, True), (5518, T)]}),
    (3425, "/3425/0", "Irrigation valve: default status, status, command, scheduler (Multiple 5), timestamps", {0: [
        (1, 0), (2, 100), (3, 100), (4, 100), (5, [(0, 7)]), (6, False), (5518, T), (6050, 0.0)]}),
    (3426, "/3426/0", "Water quality: pH, chlorine, redox (0.65 in 8 bytes), turbidity, conductivity, dissolved solids, nitrate, timestamp and quality", {0: [
        (1, 7.25), (2, 0.5), (3, 0.65), (6, 0.75), (7, 0.05), (10, 250.0), (12, 12.5), (5518, T), (6042, 0),
        (6049, 95)]}),
    (3427, "/3427/0", "Pressure monitoring: pressure, sampling period, leak and hammer flags, min/max measured, timestamp", {0: [
        (1, 350000.0), (2, 60), (3, False), (4, False), (5, 320000.0), (6, 365000.0), (5518, T)]}),
    (3428, "/3428/0", "Air quality: PM10, PM2.5 with 24 h averages, CO, NO2, CO2, VOC, timestamp and quality", {0: [
        (1, 18.5), (2, 21.25), (3, 9.75), (4, 11.5), (7, 0.25), (15, 0.0125), (17, 415.5), (23, 0.125),
        (5518, T), (6042, 0), (6049, 90)]}),
    (3429, "/3429/0", "Tilt sensor: angle, min/max angle, threshold, out-of-position flag, timestamp", {0: [
        (1, 0.0625), (2, 0.0), (3, 0.125), (5, 0.5), (6, False), (5518, T)]}),
    (3430, "/3430", "GNSS read at the object path (single-instance object): fix time, latitude/longitude (8-byte floats), altitude, heading, HDOP, fix data, Multiple Resources of String (17), Float (19, 22), Boolean (21) and Integer (23)", {0: [
        (0, T - 5), (1, 48.8566), (2, 2.3522), (3, 35.5), (4, 0), (5, 270.0), (7, 0.8), (13, 1), (14, 3), (15, 9),
        (16, 14), (17, [(0, "G05"), (1, "G12"), (2, "E11")]), (19, [(0, 45.0), (1, 180.5), (2, 300.25)]),
        (20, True), (21, [(0, True), (1, True), (2, False)]), (22, [(0, 38.0), (1, 41.5), (2, 29.0)]),
        (23, [(0, 1), (1, 1), (2, 3)]), (28, "3D fix")]}),
    (3431, "/3431/0", "Parking sensor: occupied, duration, daily duration, forbidden parking, sensor type, timestamp and quality", {0: [
        (1, True), (2, 1800), (3, 14400), (4, False), (5, "magnetometer"), (5518, T), (6042, 0), (6049, 100)]}),
    (3432, "/3432/0", "Traffic counter: per vehicle type (Multiple Resources 0, 1, 3, 4, 7, 10, 16, 17) counts, periods, speeds, limits; timestamp", {0: [
        (0, [(0, 1), (1, 2), (2, 3)]), (1, [(0, 120345), (1, 8210), (2, 45)]), (3, [(0, 1520), (1, 96), (2, 1)]),
        (4, [(0, 60)]), (7, [(0, 31), (1, 2), (2, 0)]), (10, [(0, 42), (1, 38), (2, 55)]), (16, [(0, 50)]),
        (17, [(0, 12)]), (5518, T), (6049, 100)]}),
    (3433, "/3433/0", "Noise sensor: gunshot and abnormal-noise flags, sound level and min/max, range, timestamps", {0: [
        (1, False), (2, False), (3, 62.5), (4, 38.0), (5, 91.5), (6, 30.0), (7, 130.0), (5518, T), (6050, 0.75)]}),
    (3434, "/3434/0", "People counter: actual, daily and cumulated persons and passages, sensor type, timestamp", {0: [
        (1, 12), (2, 845), (3, 1204567), (5, 1630), (6, 2409871), (8, "thermal"), (5518, T)]}),
    (3435, "/3435/0", "Filling level of a glass container: height, percentage, level, thresholds, flags, filling speed, forecast date, width, installation type, volume, material, counter", {0: [
        (1, 120), (2, 62.5), (3, 75), (4, 90.0), (5, False), (6, 10.0), (7, False), (8, 2.5), (10, T + 4 * DAY),
        (12, False), (13, False), (14, 80), (15, "underground"), (16, 3.0), (18, "glass"), (19, 57),
        (21, False)]}),
    (3436, "/3436", "Edge computing manager read at the object path (single-instance object): script and condition slots, capabilities", {0: [
        (1, 8), (2, 6), (3, 16), (4, 13), (5, "lua5.4;js-es5")]}),
    (3437, "/3437/0", "Edge computing script: name, signature, version, the script as Opaque bytes, format, status flags", {0: [
        (1, "dim-at-dusk"), (2, "c0ffee00"), (3, "1.2.0"), (4, b"if lux < 20 then dim(70) end"), (5, "lua"),
        (6, False), (7, False)]}),
    (3438, "/3438/0", "Edge computing time condition: execution time, script identifiers (Multiple 2), status", {0: [
        (1, "Mon-Fri 18:30"), (2, [(0, "/3437/0")]), (3, False)]}),
    (3439, "/3439/0", "Edge computing generic condition: vendor condition as Opaque, two script identifiers (Multiple 2), status", {0: [
        (1, bytes.fromhex("a1016474656d70")), (2, [(0, "/3437/1"), (1, "/3437/2")]), (3, False)]}),
    (3445, "/3445/0", "Stream gauge: water level, discharge, meter type, status, thresholds A/B with alarms and counters, timestamp", {0: [
        (1, 1.25), (2, 3.5), (3, "radar"), (4, 0), (6, 2.5), (7, False), (8, 0), (9, 3.75), (10, False), (11, 0),
        (5518, T)]}),
    (3446, "/3446/0", "Rain gauge: cumulated rain, time of last reset, meter type, status, timestamp and quality", {0: [
        (1, 12.75), (3, T - 30 * DAY), (4, "tipping bucket"), (5, 0), (5518, T), (6042, 0), (6049, 100)]}),
    (3447, "/3447", "LPWAN mesh connectivity read at the object path (single-instance object): network type, class, frequency, status, power, data rate, channel, FEC, PAN id (Multiple 19), root and parent addresses (Multiple 22, 23), multicast key (Multiple Opaque 28), SNR, RSSI", {0: [
        (0, "Wi-SUN"), (1, 2), (2, 868.5), (3, 1), (6, 0), (8, 14.0), (9, 50000.0), (10, "FAN 1.0"), (11, 3),
        (16, True), (19, [(0, 4660)]), (20, "city-mesh"), (21, 2), (22, [(0, "fd00::1")]), (23, [(0, "fe80::2")]),
        (28, [(0, bytes.fromhex("000102030405060708090a0b0c0d0e0f"))]), (29, 18.5), (30, -72.0), (34, 3)]}),
    (3448, "/3448/0", "LPWAN mesh statistics at the instance path: packet and byte counters (1-, 2- and 4-byte integers), timestamp", {0: [
        (1, 15230), (2, 15000), (3, 180), (4, 50), (5, 7), (6, 3), (7, 30011), (8, 12), (20, 1523000),
        (21, 3001100), (5518, T)]}),
    (3449, "/3449/0", "Anemometer: wind speed 5700, units 5701, direction 5705, min/max 5601/5602, application and sensor type 5750/5751, timestamp and quality: every id is 16-bit", {0: [
        (5700, 4.5), (5701, "m/s"), (5705, 225.0), (5601, 0.0), (5602, 17.25), (5750, "street level"),
        (5751, "ultrasonic"), (5518, T), (6042, 0), (6049, 100)]}),
    (3450, "/3450/0", "Wet bulb globe temperature: estimation type, estimated value, threshold, alarm and counter, sensor value and min/max (5700, 5601, 5602), application type, timestamp", {0: [
        (1, 1), (2, 27.5), (3, 30.0), (4, False), (5, 0), (5700, 27.5), (5601, 18.25), (5602, 31.0),
        (5750, "playground"), (5518, T)]}),
    (3451, "/3451/0", "Roll over sensor: angle, min/max, threshold, out-of-position flag, timestamps", {0: [
        (1, 0.125), (2, 0.0), (3, 0.25), (5, 1.5), (6, False), (5518, T), (6050, 0.0625)]}),
    (3452, "/3452/0", "Program scheduler: name, state, priority, calendar rules (Multiple Integer 3), function, input sources and outputs (Multiple String 5-7), flags", {0: [
        (0, "evening dimming"), (1, True), (2, 5), (3, [(0, 0), (1, 1)]), (4, 0), (5, [(0, "/3419/0/3")]),
        (6, [(0, "/3416/0"), (1, "/3416/1")]), (7, [(0, "/3416/0/1"), (1, "/3416/1/1")]), (8, False),
        (9, True)]}),
    (3453, "/3453/0", "Calendar rule: name, type, start and end dates (Multiple 2, 3), date rule, active flag", {0: [
        (0, "working days"), (1, 2), (2, [(0, "2025-01-01")]), (3, [(0, "2025-12-31")]), (4, "Mon-Fri"),
        (5, True)]}),
    (3454, "/3454/0", "Program function: name, run condition, output filter, time input and output arrays (all Multiple but 0)", {0: [
        (0, "dusk-to-dawn"), (1, [(0, "lux<20")]), (3, [(0, 0)]), (4, [(0, "18:30"), (1, "23:00")]),
        (5, [(0, "70"), (1, "30")])]}),
    (3455, "/3455/0", "Input filter: state, source (Multiple 1), data type, evaluation interval, step, and the 16-bit-id delays 5903/5904 (2000 ms needs 2 bytes)", {0: [
        (0, "clear"), (1, [(0, "/3419/0/3")]), (2, 1), (3, 60.0), (4, 5.0), (5903, 2000), (5904, 500)]}),
    (3456, "/3456/0", "Output filter: operation, delay, transaction, expiration time", {0: [
        (0, 1), (1, 2.5), (2, 0), (3, 3600.0)]}),
    (3457, "/3457", "Program manager read at the object path (single-instance object): limits, counts, memory sizes (65536 needs 4 bytes), capabilities", {0: [
        (0, 16), (1, 3), (2, 16), (3, 2), (4, 8), (5, 1), (9, 65536), (10, 40960), (11, 0), (13, 7), (14, 8192),
        (15, 5120)]}),
    (3458, "/3458/0", "Program monitor: name, status, errors, evaluation and execution counters, last execution time, last output (Multiple 8)", {0: [
        (0, "evening dimming"), (1, 1), (2, 0), (4, 1440), (5, 2), (7, T - 1800), (8, [(0, "70")])]}),
    (3459, "/3459/0", "Distributed sensor group: state, last activity, notification, publisher, address and id, QoS, hop limit, periods, thresholds, mapping flags, local sensor URIs and ids (Multiple 20, 21), description", {0: [
        (0, 1.0), (1, T - 20), (2, "motion"), (3, 17), (4, "ff15::1"), (5, "street-7"), (6, 1), (7, "best-effort"),
        (8, 4), (10, 5), (11, 300), (13, 0.0), (14, 1.0), (18, True), (19, False), (20, [(0, "/3302/0/5500")]),
        (21, [(0, 17)]), (24, "motion along street 7")]}),
    (3460, "/3460", "Distributed sensor message read at the object path (single-instance object): group, time, publisher URI and id, validity, default value", {0: [
        (0, 7), (1, T - 20), (2, "/3302/0/5500"), (3, 17), (4, 60), (5, 0.0)]}),
    (3461, "/3461/0", "Sensor group device capabilities at the instance path: capability bits and limits", {0: [
        (1, 3), (2, 16), (3, 8), (4, 5)]}),
]
