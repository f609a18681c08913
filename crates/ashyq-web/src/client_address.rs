//! Who is on the other end: the client's IP address, which every rate limit and ban keys on. It is
//! the TCP peer, unless the peer is one of the operator's `trusted_proxies`; only then are
//! `X-Forwarded-For` (or, without it, `Forwarded`) read, from the right, skipping trusted hops, so a
//! client can put anything it likes on the left of those headers without changing its key.

use std::convert::Infallible;
use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use ipnet::IpNet;

use crate::state::AppState;

/// The reverse proxies whose forwarding headers are believed (default: none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TrustedProxies(Vec<IpNet>);

/// A `trusted_proxies` entry that is not an address or a CIDR block.
#[derive(Debug, thiserror::Error)]
#[error("`{0}` is not an IP address or a CIDR block such as 10.0.0.0/8 or fd00::/8")]
pub struct ProxyListError(String);

impl TrustedProxies {
    /// Parses addresses and CIDR blocks (`127.0.0.1`, `10.0.0.0/8`, `::1`, `fd00::/8`).
    pub fn parse<'a>(entries: impl IntoIterator<Item = &'a str>) -> Result<Self, ProxyListError> {
        let mut nets = Vec::new();
        for entry in entries.into_iter().map(str::trim).filter(|entry| !entry.is_empty()) {
            let net = entry
                .parse::<IpNet>()
                .or_else(|_| entry.parse::<IpAddr>().map(IpNet::from))
                .map_err(|_| ProxyListError(entry.to_owned()))?;
            nets.push(net);
        }
        Ok(TrustedProxies(nets))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    fn contains(&self, address: IpAddr) -> bool {
        self.0.iter().any(|net| net.contains(&address))
    }
}

/// The client's address: the peer, or, from a trusted proxy, the right-most forwarded hop that is
/// not itself a trusted proxy. A forwarded value that does not parse stops the walk: the hop before
/// it (a trusted proxy) is the best we know.
pub fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &TrustedProxies) -> IpAddr {
    let mut client = peer.to_canonical();
    if trusted.is_empty() || !trusted.contains(client) {
        return client;
    }
    for hop in forwarded_hops(headers).into_iter().rev() {
        let Some(address) = hop else { break };
        client = address.to_canonical();
        if !trusted.contains(client) {
            break;
        }
    }
    client
}

/// Whether the request reached the site over HTTPS, as far as we can tell: a trusted proxy says so
/// (`X-Forwarded-Proto: https` or `Forwarded: proto=https`). ashyq itself only speaks plain HTTP.
pub(crate) fn arrived_over_https(
    peer: IpAddr,
    headers: &HeaderMap,
    trusted: &TrustedProxies,
) -> bool {
    if !trusted.contains(peer.to_canonical()) {
        return false;
    }
    if let Some(proto) = headers.get("x-forwarded-proto").and_then(|value| value.to_str().ok()) {
        return proto.rsplit(',').next().is_some_and(|last| last.trim() == "https");
    }
    forwarded_elements(headers).last().is_some_and(|element| {
        element.split(';').filter_map(|pair| pair.split_once('=')).any(|(key, value)| {
            key.trim().eq_ignore_ascii_case("proto") && value.trim().trim_matches('"') == "https"
        })
    })
}

/// The hops of `X-Forwarded-For`, or of `Forwarded` when there is no `X-Forwarded-For`, left to
/// right; `None` for a value that is not an address (`unknown`, an obfuscated name, garbage).
fn forwarded_hops(headers: &HeaderMap) -> Vec<Option<IpAddr>> {
    let forwarded_for: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .map(|value| value.to_str().unwrap_or(","))
        .flat_map(|value| value.split(','))
        .collect();
    if !forwarded_for.is_empty() {
        return forwarded_for.into_iter().map(parse_hop).collect();
    }
    forwarded_elements(headers)
        .iter()
        .map(|element| {
            element
                .split(';')
                .filter_map(|pair| pair.split_once('='))
                .find(|(key, _)| key.trim().eq_ignore_ascii_case("for"))
                .and_then(|(_, value)| parse_hop(value))
        })
        .collect()
}

/// The comma-separated elements of every `Forwarded` header (RFC 7239), in order.
fn forwarded_elements(headers: &HeaderMap) -> Vec<String> {
    headers
        .get_all("forwarded")
        .iter()
        .map(|value| value.to_str().unwrap_or(""))
        .flat_map(|value| value.split(','))
        .map(str::to_owned)
        .collect()
}

/// One hop: `192.0.2.1`, `192.0.2.1:4711`, `2001:db8::1`, `[2001:db8::1]:4711`, possibly quoted.
fn parse_hop(value: &str) -> Option<IpAddr> {
    let value = value.trim().trim_matches('"');
    if let Ok(address) = value.parse::<IpAddr>() {
        return Some(address);
    }
    if let Ok(socket) = value.parse::<SocketAddr>() {
        return Some(socket.ip());
    }
    let inner = value.strip_prefix('[')?.split(']').next()?;
    inner.parse().ok()
}

/// The client's address, as every limit and ban sees it (an extractor).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ClientAddress(pub(crate) IpAddr);

impl ClientAddress {
    /// The key for per-address limits. An IPv6 client is keyed by its /64, since one household or
    /// server is normally given a whole /64 and could otherwise take a fresh address per attempt.
    pub(crate) fn limit_key(&self) -> String {
        match self.0 {
            IpAddr::V4(address) => format!("ip:{address}"),
            IpAddr::V6(address) => {
                let segments = address.segments();
                format!(
                    "ip:{:x}:{:x}:{:x}:{:x}::/64",
                    segments[0], segments[1], segments[2], segments[3]
                )
            }
        }
    }
}

impl ClientAddress {
    /// What a commenter's address hash is made from (the comment limit, bans and the duplicate
    /// lists): an IPv4 address as written, an IPv6 client by its /64 as in [`Self::limit_key`].
    /// IPv4 keeps its old form so that hashes and bans made before this rule still match.
    pub(crate) fn history_key(&self) -> String {
        match self.0 {
            IpAddr::V4(address) => address.to_string(),
            IpAddr::V6(_) => self.limit_key(),
        }
    }
}

impl std::fmt::Display for ClientAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl<S: Send + Sync> FromRequestParts<AppState<S>> for ClientAddress {
    type Rejection = Infallible;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState<S>,
    ) -> Result<Self, Self::Rejection> {
        // Every connection gets its peer from the accept loop; a request built in a test without
        // one counts as coming from the unspecified address.
        let peer = parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map_or(IpAddr::from([0, 0, 0, 0]), |ConnectInfo(peer)| peer.ip());
        Ok(ClientAddress(client_address(peer, &parts.headers, &state.auth.trusted_proxies)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(peer: &str, trusted: &[&str], headers: &[(&str, &str)], expected: &str) {
        let mut map = HeaderMap::new();
        for (name, value) in headers {
            map.append(
                axum::http::HeaderName::from_bytes(name.as_bytes()).unwrap(),
                value.parse().unwrap(),
            );
        }
        let trusted = TrustedProxies::parse(trusted.iter().copied()).unwrap();
        let found = client_address(peer.parse().unwrap(), &map, &trusted);
        assert_eq!(found, expected.parse::<IpAddr>().unwrap(), "{peer} {headers:?}");
    }

    #[test]
    fn forwarding_headers_count_only_from_trusted_proxies() {
        let spoof = [("x-forwarded-for", "1.2.3.4")];
        check("203.0.113.9", &[], &spoof, "203.0.113.9");
        check("203.0.113.9", &["127.0.0.1"], &spoof, "203.0.113.9");
        check("127.0.0.1", &["127.0.0.1"], &spoof, "1.2.3.4");
        check("127.0.0.1", &["127.0.0.0/8"], &[], "127.0.0.1");
    }

    #[test]
    fn the_right_most_untrusted_hop_is_the_client() {
        let trusted = ["10.0.0.0/8", "127.0.0.1"];
        // The client wrote "6.6.6.6" itself; the proxy appended the address it really saw.
        check(
            "127.0.0.1",
            &trusted,
            &[("x-forwarded-for", "6.6.6.6, 198.51.100.7")],
            "198.51.100.7",
        );
        check(
            "127.0.0.1",
            &trusted,
            &[("x-forwarded-for", "6.6.6.6"), ("x-forwarded-for", "198.51.100.7, 10.1.2.3")],
            "198.51.100.7",
        );
        check("127.0.0.1", &trusted, &[("x-forwarded-for", "10.9.9.9, 10.1.2.3")], "10.9.9.9");
        check("127.0.0.1", &trusted, &[("x-forwarded-for", "6.6.6.6, garbage")], "127.0.0.1");
        check("127.0.0.1", &trusted, &[("x-forwarded-for", "unknown, 10.1.1.1")], "10.1.1.1");
    }

    #[test]
    fn forwarded_is_read_when_there_is_no_x_forwarded_for() {
        let trusted = ["::1"];
        check(
            "::1",
            &trusted,
            &[("forwarded", "for=6.6.6.6, for=\"[2001:db8:cafe::17]:4711\";proto=https")],
            "2001:db8:cafe::17",
        );
        check("::1", &trusted, &[("forwarded", "for=192.0.2.60:80;by=::1")], "192.0.2.60");
        check("::1", &trusted, &[("forwarded", "for=_hidden")], "::1");
        check(
            "::1",
            &trusted,
            &[("forwarded", "for=6.6.6.6"), ("x-forwarded-for", "192.0.2.1")],
            "192.0.2.1",
        );
        // An IPv4 peer seen through an IPv6 socket is the same client.
        check("::ffff:127.0.0.1", &["127.0.0.1"], &[("x-forwarded-for", "1.2.3.4")], "1.2.3.4");
    }

    #[test]
    fn https_is_believed_only_from_a_trusted_proxy() {
        let trusted = TrustedProxies::parse(["127.0.0.1"]).unwrap();
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-proto", "https".parse().unwrap());
        assert!(arrived_over_https("127.0.0.1".parse().unwrap(), &headers, &trusted));
        assert!(!arrived_over_https("192.0.2.1".parse().unwrap(), &headers, &trusted));
        let mut headers = HeaderMap::new();
        headers.insert("forwarded", "for=192.0.2.1;proto=https".parse().unwrap());
        assert!(arrived_over_https("127.0.0.1".parse().unwrap(), &headers, &trusted));
        assert!(!arrived_over_https("127.0.0.1".parse().unwrap(), &HeaderMap::new(), &trusted));
    }

    #[test]
    fn lists_parse_addresses_and_blocks_and_name_the_bad_entry() {
        assert!(TrustedProxies::parse(["10.0.0.0/8", " ::1 ", "192.0.2.1", ""]).is_ok());
        let error = TrustedProxies::parse(["10.0.0.0/8", "proxy.example"]).unwrap_err();
        assert!(error.to_string().contains("`proxy.example`"), "{error}");
    }

    #[test]
    fn ipv6_clients_are_limited_by_their_64() {
        let one = ClientAddress("2001:db8:1:2:aaaa::1".parse().unwrap());
        let two = ClientAddress("2001:db8:1:2:bbbb::2".parse().unwrap());
        let other = ClientAddress("2001:db8:1:3::1".parse().unwrap());
        assert_eq!(one.limit_key(), two.limit_key());
        assert_ne!(one.limit_key(), other.limit_key());
        assert_eq!(ClientAddress("192.0.2.1".parse().unwrap()).limit_key(), "ip:192.0.2.1");
    }
}
