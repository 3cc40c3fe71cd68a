//! DSNs read, refused and shown.

use super::*;

#[test]
fn dsns_of_each_engine() {
    let pg = parse_connect("postgresql=postgresql://postgres@127.0.0.1:5433/postgres").expect("pg");
    assert_eq!(pg.engine, EngineName::Postgresql);
    assert_eq!((pg.host.as_deref(), pg.port), (Some("127.0.0.1"), 5433));
    assert_eq!(
        (pg.user.as_deref(), pg.database.as_deref()),
        (Some("postgres"), Some("postgres"))
    );
    assert_eq!(pg.target(), "127.0.0.1:5433");
    let sock = parse_connect("postgresql=postgresql:///postgres?host=/tmp/pg").expect("socket");
    assert_eq!((sock.socket.as_deref(), sock.port), (Some("/tmp/pg"), 5432));
    let my = parse_connect("mysql=mysql://root@localhost/?socket=/tmp/my.sock").expect("mysql");
    assert_eq!(
        (my.engine, my.socket.as_deref()),
        (EngineName::Mysql, Some("/tmp/my.sock"))
    );
    let maria = parse_connect("mariadb=mariadb://root@[::1]:3307").expect("v6");
    assert_eq!((maria.host.as_deref(), maria.port), (Some("::1"), 3307));
    let redis = parse_connect("redis=redis://127.0.0.1:6380").expect("redis");
    assert_eq!(
        (redis.host.as_deref(), redis.port, redis.user),
        (Some("127.0.0.1"), 6380, None)
    );
    let unix = parse_connect("redis=unix:///run/redis.sock").expect("unix");
    assert_eq!(unix.socket.as_deref(), Some("/run/redis.sock"));
    let plain = parse_connect("redis=redis://cache").expect("default port");
    assert_eq!(plain.port, 6379);
}

#[test]
fn passwords_and_strangers_are_refused() {
    let err = |t: &str| {
        parse_connect(t)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default()
    };
    let e = err("postgresql=postgresql://postgres:hunter2@127.0.0.1/db");
    assert!(e.contains("HOSTFIT_POSTGRESQL_PASSWORD"), "{e}");
    assert!(
        !e.contains("hunter2"),
        "the password is never repeated: {e}"
    );
    assert!(err("mysql=mysql://root@h/?password=x").contains("HOSTFIT_MYSQL_PASSWORD"));
    assert!(err("oracle=oracle://x").contains("'oracle'"));
    assert!(err("postgresql").contains("ENGINE=DSN"));
    assert!(err("redis=http://u:secret@x").contains("redis://"));
    assert!(!err("redis=http://u:secret@x").contains("secret"));
    assert!(err("redis=redis://h:port").contains("redis://"));
}

#[test]
fn a_secret_never_shows() {
    let s = Secret::new("hunter2");
    assert_eq!(format!("{s:?}"), "Secret(***)");
    let mut c = parse_connect("redis=redis://h:1").expect("redis");
    c.password = Some(s);
    assert!(!format!("{c:?}").contains("hunter2"));
}
