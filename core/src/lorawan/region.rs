//! Maximum application payload (FRMPayload, `N`) per region and data rate.
//!
//! Values are those of LoRaWAN Regional Parameters RP002-1.0.4, taken from the project's spec digest (§7.3), which
//! read them from The Things Stack band tables (`M`, with `N = M − 8`) and cross-checked them with ChirpStack and
//! lora-rs. `N` assumes an empty FOpts field: MAC commands piggy-backed in FOpts take `FOptsLen` bytes off it.
//!
//! * **Dwell time** ([`max_payload`]'s `dwell`): AS923-x and AU915 have an `UplinkDwellTime` setting (400 ms); with it
//!   on, the slow data rates carry fewer bytes or none. Both regions **boot with uplink dwell time on**
//!   ([`Region::boot_uplink_dwell`]), so size a first uplink with `dwell = true`. Downlinks use the same table in
//!   AS923 (its `DownlinkDwellTime`); in AU915 the downlink data rates (DR8–13) carry the same payload either way.
//!   Other regions have no dwell setting and ignore the flag.
//! * **Repeater-compatible** (`repeater`): `M` is capped at 230, so `N` ≤ 222 ([`REPEATER_CAP`]).
//! * AS923-1 to AS923-4 differ in frequencies only; they share one payload table.
//!
//! Where sources differ (digest §11, items 7 and 8) the digest's choice is kept and said where it applies:
//! CN470 DR3 is 164 (TTN) where ChirpStack's latest table says 184; AS923 DR2 without dwell is 115, the value from
//! RP002-1.0.1 or 1.0.2 on (RP002-1.0.0 had 51).
//!
//! ```
//! use ucifi_codec::lorawan::region::{max_payload, Direction, Region};
//! let up = Direction::Uplink;
//! assert_eq!(max_payload(Region::Eu868, 0, up, false, false), Some(51));
//! assert_eq!(max_payload(Region::Eu868, 5, up, false, true), Some(222));
//! assert_eq!(max_payload(Region::Us915, 0, up, false, false), Some(11));
//! let r: Region = "AS923-2".parse().unwrap();
//! assert_eq!(max_payload(r, 2, up, r.boot_uplink_dwell(), false), Some(11));
//! assert_eq!(max_payload(r, 0, up, true, false), None); // DR0 is not allowed with dwell time
//! ```

use core::fmt;
use core::str::FromStr;

/// The repeater-compatible cap on `N`: `M` ≤ 230 bytes, so `N` ≤ 222.
pub const REPEATER_CAP: usize = 222;

/// Frame direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// End device to network.
    Uplink,
    /// Network to end device.
    Downlink,
}

/// A LoRaWAN regional plan (RP002-1.0.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Region {
    /// Europe 863–870 MHz.
    Eu868,
    /// United States 902–928 MHz.
    Us915,
    /// Australia 915–928 MHz.
    Au915,
    /// Asia 923 MHz, frequency group 1.
    As923_1,
    /// Asia 923 MHz, group 2 (AS923-1 frequencies − 1.8 MHz).
    As923_2,
    /// Asia 923 MHz, group 3 (− 6.6 MHz).
    As923_3,
    /// Asia 923 MHz, group 4 (− 5.9 MHz).
    As923_4,
    /// India 865–867 MHz.
    In865,
    /// Korea 920–923 MHz.
    Kr920,
    /// China 470–510 MHz (the RP002-1.0.1+ channel plan).
    Cn470,
}

/// Payload limits of one data rate; 0 means "not defined".
#[derive(Debug, Clone, Copy)]
struct Limit {
    /// `N` without dwell time (0: the DR does not exist in this direction).
    n: u8,
    /// `N` with dwell time on (0: the DR is not allowed with dwell time).
    dwell: u8,
    /// The DR is used for uplinks.
    up: bool,
    /// The DR is used for downlinks.
    down: bool,
}

/// A DR used in both directions, without a dwell-time variant.
const fn both(n: u8) -> Limit {
    Limit {
        n,
        dwell: n,
        up: true,
        down: true,
    }
}

/// A DR used in both directions, with a dwell-time limit (0: not allowed with dwell).
const fn both_dwell(n: u8, dwell: u8) -> Limit {
    Limit {
        n,
        dwell,
        up: true,
        down: true,
    }
}

/// An uplink-only DR (LR-FHSS, US915/AU915 125 kHz channels); `dwell` as in [`both_dwell`].
const fn up(n: u8, dwell: u8) -> Limit {
    Limit {
        n,
        dwell,
        up: true,
        down: false,
    }
}

/// A downlink-only DR (US915/AU915 500 kHz downlink channels).
const fn down(n: u8) -> Limit {
    Limit {
        n,
        dwell: n,
        up: false,
        down: true,
    }
}

/// A DR the plan leaves undefined (RFU).
const NONE: Limit = Limit {
    n: 0,
    dwell: 0,
    up: false,
    down: false,
};

/// EU868: DR0–2 SF12–10, DR3 SF9, DR4–6 SF8–7/250 kHz, DR7 FSK; DR8–11 LR-FHSS (uplink only).
const EU868: [Limit; 12] = [
    both(51),
    both(51),
    both(51),
    both(115),
    both(242),
    both(242),
    both(242),
    both(242),
    up(50, 50),
    up(115, 115),
    up(50, 50),
    up(115, 115),
];

/// US915: DR0–4 uplink (DR0 SF10 is the 11-byte floor), DR5–6 LR-FHSS uplink, DR7 RFU, DR8–13 downlink.
/// ChirpStack's repeater table for RP002-1.0.0/1.0.1 gives DR8/DR9 downlinks 33/109; 1.0.4 values are used here.
const US915: [Limit; 14] = [
    up(11, 11),
    up(53, 53),
    up(125, 125),
    up(242, 242),
    up(242, 242),
    up(50, 50),
    up(125, 125),
    NONE,
    down(53),
    down(129),
    down(242),
    down(242),
    down(242),
    down(242),
];

/// AU915: DR0–6 uplink (with dwell: DR0–1 not allowed, DR2 11, DR3 53, DR4 125), DR7 LR-FHSS, DR8–13 downlink as US915.
const AU915: [Limit; 14] = [
    up(51, 0),
    up(51, 0),
    up(51, 11),
    up(115, 53),
    up(242, 125),
    up(242, 242),
    up(242, 242),
    up(50, 50),
    down(53),
    down(129),
    down(242),
    down(242),
    down(242),
    down(242),
];

/// AS923 (all four groups): DR2 without dwell is 115 from RP002-1.0.1/1.0.2 on (51 in 1.0.0).
const AS923: [Limit; 8] = [
    both_dwell(51, 0),
    both_dwell(51, 0),
    both_dwell(115, 11),
    both_dwell(115, 53),
    both_dwell(242, 125),
    both(242),
    both(242),
    both(242),
];

/// IN865: DR6 is RFU; DR7 is FSK.
const IN865: [Limit; 8] = [
    both(51),
    both(51),
    both(51),
    both(115),
    both(242),
    both(242),
    NONE,
    both(242),
];

/// KR920: DR0–5.
const KR920: [Limit; 6] = [
    both(51),
    both(51),
    both(51),
    both(115),
    both(242),
    both(242),
];

/// CN470 (RP002-1.0.1+ plan): DR0 has no payload size; DR3 is 164 per TTN (ChirpStack "Latest": 184; the RP002 text
/// was not read, digest §11 item 7). The older RP002-1.0.0 plan (DR0–2 51, DR3 115, DR4–5 242) is not modelled.
const CN470: [Limit; 8] = [
    NONE,
    both(23),
    both(86),
    both(164),
    both(242),
    both(242),
    both(242),
    both(242),
];

impl Region {
    /// Every region, in the order of [`Region::name`]'s list.
    pub const ALL: [Region; 10] = [
        Region::Eu868,
        Region::Us915,
        Region::Au915,
        Region::As923_1,
        Region::As923_2,
        Region::As923_3,
        Region::As923_4,
        Region::In865,
        Region::Kr920,
        Region::Cn470,
    ];

    /// The name: `EU868`, `US915`, `AU915`, `AS923-1` … `AS923-4`, `IN865`, `KR920`, `CN470`.
    pub const fn name(self) -> &'static str {
        match self {
            Region::Eu868 => "EU868",
            Region::Us915 => "US915",
            Region::Au915 => "AU915",
            Region::As923_1 => "AS923-1",
            Region::As923_2 => "AS923-2",
            Region::As923_3 => "AS923-3",
            Region::As923_4 => "AS923-4",
            Region::In865 => "IN865",
            Region::Kr920 => "KR920",
            Region::Cn470 => "CN470",
        }
    }

    /// True where the device boots with uplink dwell time on (AS923-x, AU915): size a first uplink with it.
    pub const fn boot_uplink_dwell(self) -> bool {
        matches!(
            self,
            Region::Au915 | Region::As923_1 | Region::As923_2 | Region::As923_3 | Region::As923_4
        )
    }

    /// Number of data-rate indexes the plan defines (some of them may be RFU or one-direction only).
    pub const fn data_rate_count(self) -> u8 {
        self.table().len() as u8
    }

    const fn table(self) -> &'static [Limit] {
        match self {
            Region::Eu868 => &EU868,
            Region::Us915 => &US915,
            Region::Au915 => &AU915,
            Region::As923_1 | Region::As923_2 | Region::As923_3 | Region::As923_4 => &AS923,
            Region::In865 => &IN865,
            Region::Kr920 => &KR920,
            Region::Cn470 => &CN470,
        }
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A region name that is not one of [`Region::ALL`]'s names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnknownRegion;

impl fmt::Display for UnknownRegion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("unknown region (EU868, US915, AU915, AS923-1..AS923-4, IN865, KR920, CN470)")
    }
}

#[cfg(feature = "std")]
impl std::error::Error for UnknownRegion {}

impl FromStr for Region {
    type Err = UnknownRegion;

    /// Parses a name from [`Region::name`], ignoring ASCII case; `AS923` alone means `AS923-1`.
    fn from_str(s: &str) -> Result<Region, UnknownRegion> {
        if s.eq_ignore_ascii_case("AS923") {
            return Ok(Region::As923_1);
        }
        Region::ALL
            .iter()
            .copied()
            .find(|r| r.name().eq_ignore_ascii_case(s))
            .ok_or(UnknownRegion)
    }
}

/// The largest FRMPayload in bytes at data rate `dr` of `region`, in `direction`.
///
/// `dwell`: the dwell-time setting for that direction (only AS923-x and AU915 have one; others ignore it).
/// `repeater`: cap at 222 bytes for repeater compatibility. `None` when the region has no such data rate in that
/// direction, or does not allow it with dwell time on.
pub fn max_payload(
    region: Region,
    dr: u8,
    direction: Direction,
    dwell: bool,
    repeater: bool,
) -> Option<usize> {
    let limit = region.table().get(usize::from(dr))?;
    let used = match direction {
        Direction::Uplink => limit.up,
        Direction::Downlink => limit.down,
    };
    let n = if dwell { limit.dwell } else { limit.n };
    if !used || n == 0 {
        return None;
    }
    let n = usize::from(n);
    Some(if repeater { n.min(REPEATER_CAP) } else { n })
}

/// The lowest data-rate index (the longest-range one) whose payload holds `size` bytes, with its payload.
///
/// Same parameters as [`max_payload`]; `None` when no data rate carries `size` bytes (split the data).
pub fn smallest_data_rate(
    region: Region,
    size: usize,
    direction: Direction,
    dwell: bool,
    repeater: bool,
) -> Option<(u8, usize)> {
    (0..region.data_rate_count()).find_map(|dr| {
        max_payload(region, dr, direction, dwell, repeater)
            .filter(|n| *n >= size)
            .map(|n| (dr, n))
    })
}

/// The largest payload any data rate of `region` carries in `direction` (same parameters as [`max_payload`]).
pub fn largest_payload(
    region: Region,
    direction: Direction,
    dwell: bool,
    repeater: bool,
) -> Option<usize> {
    (0..region.data_rate_count())
        .filter_map(|dr| max_payload(region, dr, direction, dwell, repeater))
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    const UP: Direction = Direction::Uplink;
    const DOWN: Direction = Direction::Downlink;

    #[test]
    fn smallest_budgets_are_eleven_bytes() {
        assert_eq!(max_payload(Region::Us915, 0, UP, false, false), Some(11));
        for r in [
            Region::As923_1,
            Region::As923_2,
            Region::As923_3,
            Region::As923_4,
            Region::Au915,
        ] {
            assert!(r.boot_uplink_dwell());
            assert_eq!(max_payload(r, 2, UP, true, false), Some(11), "{r}");
            assert_eq!(max_payload(r, 0, UP, true, false), None, "{r}");
            assert_eq!(max_payload(r, 1, UP, true, false), None, "{r}");
            assert_eq!(max_payload(r, 3, UP, true, false), Some(53), "{r}");
            assert_eq!(max_payload(r, 4, UP, true, false), Some(125), "{r}");
            assert_eq!(smallest_data_rate(r, 1, UP, true, false), Some((2, 11)));
        }
        assert_eq!(max_payload(Region::As923_1, 2, UP, false, false), Some(115));
        assert_eq!(max_payload(Region::Au915, 2, UP, false, false), Some(51));
        let floor = Region::ALL
            .iter()
            .flat_map(|r| (0..r.data_rate_count()).map(move |dr| (*r, dr)))
            .filter_map(|(r, dr)| max_payload(r, dr, UP, r.boot_uplink_dwell(), false))
            .min();
        assert_eq!(floor, Some(11));
    }

    #[test]
    fn eu868_table() {
        let n: Vec<_> = (0..12)
            .map(|dr| max_payload(Region::Eu868, dr, UP, false, false))
            .collect();
        let want = [51, 51, 51, 115, 242, 242, 242, 242, 50, 115, 50, 115].map(Some);
        assert_eq!(n, want);
        assert_eq!(max_payload(Region::Eu868, 5, UP, false, true), Some(222));
        assert_eq!(max_payload(Region::Eu868, 3, UP, false, true), Some(115));
        assert_eq!(max_payload(Region::Eu868, 0, UP, true, false), Some(51)); // no dwell setting in EU868
        assert_eq!(max_payload(Region::Eu868, 8, DOWN, false, false), None); // LR-FHSS is uplink only
        assert_eq!(max_payload(Region::Eu868, 12, UP, false, false), None);
        assert_eq!(
            smallest_data_rate(Region::Eu868, 52, UP, false, false),
            Some((3, 115))
        );
        assert_eq!(
            smallest_data_rate(Region::Eu868, 243, UP, false, false),
            None
        );
        assert_eq!(largest_payload(Region::Eu868, UP, false, true), Some(222));
    }

    #[test]
    fn us_au_directions_and_other_regions() {
        assert_eq!(max_payload(Region::Us915, 0, DOWN, false, false), None);
        assert_eq!(max_payload(Region::Us915, 7, UP, false, false), None);
        assert_eq!(max_payload(Region::Us915, 8, DOWN, false, false), Some(53));
        assert_eq!(max_payload(Region::Us915, 9, DOWN, false, false), Some(129));
        assert_eq!(max_payload(Region::Us915, 13, DOWN, false, true), Some(222));
        assert_eq!(max_payload(Region::Au915, 8, DOWN, true, false), Some(53));
        assert_eq!(max_payload(Region::Au915, 7, UP, true, false), Some(50));
        assert_eq!(max_payload(Region::Cn470, 0, UP, false, false), None);
        assert_eq!(max_payload(Region::Cn470, 3, UP, false, false), Some(164));
        assert_eq!(max_payload(Region::In865, 6, UP, false, false), None);
        assert_eq!(max_payload(Region::In865, 7, DOWN, false, false), Some(242));
        assert_eq!(max_payload(Region::Kr920, 6, UP, false, false), None);
    }

    #[test]
    fn names_round_trip() {
        for r in Region::ALL {
            assert_eq!(r.name().parse::<Region>(), Ok(r));
            assert_eq!(r.name().to_ascii_lowercase().parse::<Region>(), Ok(r));
        }
        assert_eq!("AS923".parse::<Region>(), Ok(Region::As923_1));
        assert_eq!("EU433".parse::<Region>(), Err(UnknownRegion));
    }
}
