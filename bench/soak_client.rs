//! The soak's load client: N keep-alive connections, each one thread sending one request at a time
//! (90 % reads — article pages, a tenth of them the front page —, 10 % comment posts) and timing
//! every request itself, from the first byte written to the last byte of the answer read. wrk's
//! latency figures were shown to be wrong at one connection, so the soak no longer uses them.
//!
//! Standard library only, built by `soak.sh` with `rustc -O`. Prints one JSON object: per kind
//! (read, post) count, p50/p99/p99.9/max in ms, answers by status, 5xx, errors; the slowest
//! requests with when they started; and per second the slowest read and post, so a spike can be
//! matched with the server's log.
//!
//! soak_client --addr 127.0.0.1:PORT --seconds 600 --connections 16 --slugs a,b,c \
//!     --csrf TOKEN --commenter TOKEN [--post-percent 10] [--timeline FILE]

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// One request: what it was, when it started (µs since the run began), how long it took (µs) and
/// its status (0 when the connection failed).
#[derive(Clone, Copy)]
struct Sample {
    post: bool,
    start_us: u64,
    took_us: u32,
    status: u16,
}

struct Options {
    addr: String,
    seconds: u64,
    connections: usize,
    slugs: Vec<String>,
    csrf: String,
    commenter: String,
    post_percent: u64,
    timeline: Option<String>,
}

fn parse_options() -> Result<Options, String> {
    let mut args = std::env::args().skip(1);
    let mut options = Options {
        addr: String::new(),
        seconds: 60,
        connections: 16,
        slugs: vec!["printers-who-said-no".to_owned()],
        csrf: String::new(),
        commenter: String::new(),
        post_percent: 10,
        timeline: None,
    };
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        let number = || value.parse::<u64>().map_err(|_| format!("{flag}: not a number: {value}"));
        match flag.as_str() {
            "--addr" => options.addr = value.clone(),
            "--seconds" => options.seconds = number()?,
            "--connections" => options.connections = number()? as usize,
            "--slugs" => options.slugs = value.split(',').map(str::to_owned).collect(),
            "--csrf" => options.csrf = value.clone(),
            "--commenter" => options.commenter = value.clone(),
            "--post-percent" => options.post_percent = number()?,
            "--timeline" => options.timeline = Some(value.clone()),
            other => return Err(format!("unknown option {other}")),
        }
    }
    if options.addr.is_empty() || options.csrf.is_empty() {
        return Err("--addr and --csrf are required".to_owned());
    }
    if options.commenter.is_empty() {
        options.commenter = options.csrf.clone();
    }
    Ok(options)
}

/// xorshift64*: enough to mix requests, no dependency.
struct Random(u64);

impl Random {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) % n
    }
}

fn unix_now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

/// Reads one HTTP/1.1 answer; returns its status and whether the server keeps the connection.
fn read_answer(reader: &mut BufReader<TcpStream>) -> std::io::Result<(u16, bool)> {
    let bad = |what: &str| std::io::Error::new(std::io::ErrorKind::InvalidData, what.to_owned());
    let mut line = String::new();
    if reader.read_line(&mut line)? == 0 {
        return Err(bad("connection closed before an answer"));
    }
    let status: u16 = line.split(' ').nth(1).and_then(|s| s.parse().ok()).ok_or_else(|| bad("bad status line"))?;
    let mut length: Option<usize> = None;
    let mut chunked = false;
    let mut keep = true;
    loop {
        line.clear();
        if reader.read_line(&mut line)? == 0 {
            return Err(bad("connection closed in the headers"));
        }
        let header = line.trim_end();
        if header.is_empty() {
            break;
        }
        if let Some((name, value)) = header.split_once(':') {
            let value = value.trim();
            match name.to_ascii_lowercase().as_str() {
                "content-length" => length = value.parse().ok(),
                "transfer-encoding" => chunked = value.eq_ignore_ascii_case("chunked"),
                "connection" => keep = !value.eq_ignore_ascii_case("close"),
                _ => {}
            }
        }
    }
    if chunked {
        loop {
            line.clear();
            reader.read_line(&mut line)?;
            let size = usize::from_str_radix(line.trim().split(';').next().unwrap_or(""), 16)
                .map_err(|_| bad("bad chunk size"))?;
            std::io::copy(&mut reader.by_ref().take(size as u64 + 2), &mut std::io::sink())?;
            if size == 0 {
                break;
            }
        }
    } else if let Some(length) = length {
        std::io::copy(&mut reader.by_ref().take(length as u64), &mut std::io::sink())?;
    } else {
        std::io::copy(reader, &mut std::io::sink())?;
        keep = false;
    }
    Ok((status, keep))
}

fn connect(addr: &str) -> std::io::Result<(TcpStream, BufReader<TcpStream>)> {
    let stream = TcpStream::connect(addr)?;
    stream.set_nodelay(true)?;
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let reader = BufReader::with_capacity(64 * 1024, stream.try_clone()?);
    Ok((stream, reader))
}

fn worker(id: usize, options: &Options, started: Instant, until: Instant) -> Vec<Sample> {
    let mut random = Random(0x9E37_79B9_7F4A_7C15 ^ ((id as u64 + 1) * 7919) ^ unix_now());
    let cookie = format!("ashyq_csrf={}; ashyq_commenter={}", options.csrf, options.commenter);
    let mut samples = Vec::with_capacity(1 << 18);
    let mut connection = None;
    let mut counter = 0u64;
    while Instant::now() < until {
        counter += 1;
        let slug = &options.slugs[random.below(options.slugs.len() as u64) as usize];
        let post = random.below(100) < options.post_percent;
        let request = if post {
            let body = format!(
                "name=Soak+reader+{id}&email=&body=Soak+comment+{id}-{counter}+on+this+story%2C+thank+you.&form_started={}&csrf_token={}",
                unix_now().saturating_sub(30),
                options.csrf
            );
            format!(
                "POST /articles/{slug}/comments HTTP/1.1\r\nHost: {}\r\nContent-Type: application/x-www-form-urlencoded\r\nCookie: {cookie}\r\nContent-Length: {}\r\n\r\n{body}",
                options.addr,
                body.len()
            )
        } else if random.below(10) == 0 {
            format!("GET / HTTP/1.1\r\nHost: {}\r\n\r\n", options.addr)
        } else {
            format!("GET /articles/{slug} HTTP/1.1\r\nHost: {}\r\n\r\n", options.addr)
        };
        let begin = Instant::now();
        let outcome = (|| -> std::io::Result<(u16, bool)> {
            if connection.is_none() {
                connection = Some(connect(&options.addr)?);
            }
            let Some((stream, reader)) = connection.as_mut() else {
                return Err(std::io::Error::other("no connection"));
            };
            stream.write_all(request.as_bytes())?;
            read_answer(reader)
        })();
        let took = begin.elapsed();
        let status = match outcome {
            Ok((status, keep)) => {
                if !keep {
                    connection = None;
                }
                status
            }
            Err(_) => {
                connection = None;
                0
            }
        };
        samples.push(Sample {
            post,
            start_us: (begin - started).as_micros() as u64,
            took_us: took.as_micros().min(u32::MAX as u128) as u32,
            status,
        });
    }
    samples
}

fn percentile(sorted: &[u32], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1] as f64 / 1000.0
}

fn summary(samples: &[Sample], post: bool) -> String {
    let mut took: Vec<u32> = samples.iter().filter(|s| s.post == post).map(|s| s.took_us).collect();
    took.sort_unstable();
    let mut statuses: BTreeMap<u16, u64> = BTreeMap::new();
    for sample in samples.iter().filter(|s| s.post == post) {
        *statuses.entry(sample.status).or_default() += 1;
    }
    let five_xx: u64 = statuses.iter().filter(|(s, _)| **s >= 500).map(|(_, n)| n).sum();
    let errors = statuses.get(&0).copied().unwrap_or(0);
    let over_50 = took.iter().filter(|t| **t > 50_000).count();
    let over_100 = took.iter().filter(|t| **t > 100_000).count();
    let statuses: Vec<String> =
        statuses.iter().filter(|(s, _)| **s != 0).map(|(s, n)| format!("\"{s}\": {n}")).collect();
    format!(
        "{{\"count\": {}, \"p50_ms\": {:.3}, \"p99_ms\": {:.3}, \"p999_ms\": {:.3}, \"max_ms\": {:.3}, \"over_50ms\": {over_50}, \"over_100ms\": {over_100}, \"statuses\": {{{}}}, \"5xx\": {five_xx}, \"errors\": {errors}}}",
        took.len(),
        percentile(&took, 50.0),
        percentile(&took, 99.0),
        percentile(&took, 99.9),
        percentile(&took, 100.0),
        statuses.join(", ")
    )
}

fn main() {
    let options = match parse_options() {
        Ok(options) => options,
        Err(message) => {
            eprintln!("soak_client: {message}");
            std::process::exit(2);
        }
    };
    let started = Instant::now();
    let until = started + Duration::from_secs(options.seconds);
    let samples: Vec<Sample> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..options.connections)
            .map(|id| {
                let options = &options;
                scope.spawn(move || worker(id, options, started, until))
            })
            .collect();
        handles.into_iter().flat_map(|handle| handle.join().unwrap_or_default()).collect()
    });
    let elapsed = started.elapsed().as_secs_f64();
    let mut slowest: Vec<&Sample> = samples.iter().collect();
    slowest.sort_unstable_by_key(|s| std::cmp::Reverse(s.took_us));
    let slowest: Vec<String> = slowest
        .iter()
        .take(15)
        .map(|s| {
            format!(
                "{{\"at_s\": {:.3}, \"kind\": \"{}\", \"ms\": {:.1}, \"status\": {}}}",
                s.start_us as f64 / 1e6,
                if s.post { "post" } else { "read" },
                s.took_us as f64 / 1000.0,
                s.status
            )
        })
        .collect();
    if let Some(path) = &options.timeline {
        // Per second: requests, slowest read (ms), slowest post (ms).
        let mut seconds: BTreeMap<u64, (u64, u32, u32)> = BTreeMap::new();
        for sample in &samples {
            let entry = seconds.entry(sample.start_us / 1_000_000).or_default();
            entry.0 += 1;
            if sample.post {
                entry.2 = entry.2.max(sample.took_us);
            } else {
                entry.1 = entry.1.max(sample.took_us);
            }
        }
        let text: String = seconds
            .iter()
            .map(|(second, (n, read, post))| {
                format!("{second} {n} {:.1} {:.1}\n", *read as f64 / 1000.0, *post as f64 / 1000.0)
            })
            .collect();
        if let Err(error) = std::fs::write(path, text) {
            eprintln!("soak_client: cannot write {path}: {error}");
        }
    }
    println!(
        "{{\"seconds\": {elapsed:.1}, \"connections\": {}, \"requests\": {}, \"rps\": {:.1}, \"read\": {}, \"post\": {}, \"slowest\": [{}]}}",
        options.connections,
        samples.len(),
        samples.len() as f64 / elapsed,
        summary(&samples, false),
        summary(&samples, true),
        slowest.join(", ")
    );
}
