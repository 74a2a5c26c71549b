//! HTTP transport for SOAP calls: an async [`Client`] and, with the `blocking` feature, a
//! [`blocking::Client`], both built by [`ClientBuilder`].

mod builder;
mod call;
mod identity;

#[cfg(feature = "blocking")]
pub mod blocking;

pub use builder::{
    ClientBuilder, DEFAULT_CONNECT_TIMEOUT, DEFAULT_MAX_RESPONSE_BYTES, DEFAULT_TIMEOUT,
};
pub use call::Client;
pub use identity::ClientIdentity;
