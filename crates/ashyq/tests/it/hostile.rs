//! Hostile clients: a client that never finishes its request headers is cut off, and the site keeps
//! answering everyone else meanwhile.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::support::TestApp;

#[test]
fn slow_header_clients_are_cut_off_and_others_are_served() {
    let data = tempfile::tempdir().unwrap();
    let app =
        TestApp::start_with_env(data.path(), &["--demo"], &[("ASHYQ_HEADER_TIMEOUT_SECONDS", "1")]);
    let address = app.base.trim_start_matches("http://").to_owned();
    let mut slow: Vec<TcpStream> = (0..20)
        .map(|_| {
            let mut stream = TcpStream::connect(&address).unwrap();
            stream.write_all(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ").unwrap();
            stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
            stream
        })
        .collect();
    // Everyone else is still served while those connections hang.
    assert_eq!(app.get("/articles/printers-who-said-no").status, 200);
    let started = Instant::now();
    for stream in &mut slow {
        let mut buffer = [0u8; 512];
        // The server answers 408 or simply closes; either way the read ends well before 10 s.
        let _ = stream.read(&mut buffer);
    }
    let waited = started.elapsed();
    assert!(waited < Duration::from_secs(8), "slow-header connections were held for {waited:?}");
    assert_eq!(app.get("/").status, 200);
}
