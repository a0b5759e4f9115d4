//! LoRaWAN: payload limits per region and data rate, fitting records into frames, and the fPort convention.
//!
//! * [`region`]: the largest FRMPayload per region, data rate, direction, dwell time and repeater setting
//!   (RP002-1.0.4); the floor is 11 bytes (US915 DR0, AS923/AU915 DR2 with dwell time), SF12-class rates carry 51.
//! * [`fit`]: fill one frame into a caller buffer ([`fit::fit_frame`]), or split records across the fewest frames
//!   ([`fit::split`], with `alloc`), in a fixed format or the smallest per frame.
//! * [`port`]: which fPort carries which format and object, so an uplink decodes with nothing but its fPort
//!   ([`port::decode_uplink`]).
//! * [`sample`]: deterministic plausible readings from the model, for sizing.
//!
//! ```
//! use ucifi_codec::lorawan::fit::{fit_frame, Budget, FitFormat};
//! use ucifi_codec::lorawan::port::{decode_uplink, PortTable};
//! use ucifi_codec::lorawan::region::{Direction, Region};
//! use ucifi_codec::{Record, Registry, Value};
//! let mut reading = [
//!     Record::new("/3424/0/1".parse().unwrap(), Value::Float(1234.5)),
//!     Record::new("/3424/0/5518".parse().unwrap(), Value::Time(1_700_000_000)),
//! ];
//! let budget = Budget::data_rate(Region::Eu868, 0, Direction::Uplink, false, false).unwrap();
//! let mut frame = [0u8; 51];
//! let fitted = fit_frame(&mut reading, FitFormat::Auto, None, &Registry, budget, &mut frame).unwrap();
//! assert_eq!(fitted.taken, 2); // 16 bytes as TLV on fPort 24; auto keeps whichever format is smallest
//! let ports = PortTable::default();
//! let fport = ports.port_for_path(fitted.format, fitted.path.as_ref()).unwrap();
//! let mut back = Vec::new();
//! decode_uplink(fport, &frame[..fitted.len], &ports, &Registry, |r| back.push(r.value.same_as(&Value::Float(1234.5))))
//!     .unwrap();
//! assert_eq!(back, [true, false]);
//! ```

pub mod fit;
pub mod port;
pub mod region;
pub mod sample;
