# shellcheck shell=bash
# scripts/components.sh: starts and stops the real servers that hostfit's live tests
# measure, each on loopback, on a free port, under one state dir. Sourced, never run.
#
#   source scripts/components.sh
#   hf_start_all            # or hf_start_postgres / hf_start_redis / hf_start_mariadb / hf_start_docker / hf_start_node_exporter
#   ...                     # the HOSTFIT_* variables below are exported for what runs next
#   hf_stop_all             # idempotent, never fails
#
# Exported when the component is up (left unset when it is not, so live tests skip, or fail
# under HOSTFIT_LIVE=required):
#   postgres       HOSTFIT_PG_PORT HOSTFIT_PG_PID HOSTFIT_PG_CGROUP=hostfit-pg
#   redis          HOSTFIT_REDIS_PORT HOSTFIT_REDIS_PID HOSTFIT_REDIS_CGROUP=hostfit-redis
#   mariadb        HOSTFIT_MARIADB_PORT HOSTFIT_MARIADB_PID HOSTFIT_MARIADB_SOCKET
#                  HOSTFIT_MARIADB_CGROUP=hostfit-mariadb
#   docker         DOCKER_HOST HOSTFIT_DOCKER_CONTAINER=hostfit-busy HOSTFIT_DOCKER_CONTAINER_ID
#                  HOSTFIT_DOCKER_ALLOC_BYTES=67108864
#   node_exporter  HOSTFIT_NODE_EXPORTER_URL
#   prometheus     HOSTFIT_PROMETHEUS_URL HOSTFIT_FLEET_TARGETS (one 'tree=127.0.0.1:PORT' per
#                  line: a node_exporter per fixture tree, and 'local' for this machine's)
#                  HOSTFIT_PROMETHEUS3_URL (a second server with three of those hosts)
#
# What the servers hold, for the tests to find: PostgreSQL a 26 MB table read into its shared
# buffers, Redis 100000 keys of 200 bytes, the container 64 MiB in its /dev/shm and one busy loop
# under --cpus 0.5. The databases run with settings that are not their defaults, each given where
# hostfit must find it: PostgreSQL shared_buffers=64MB in an include_dir file and
# max_connections=40 on its command line; Redis maxmemory 100mb in its redis.conf, which its process
# title names (proc-title-template); MariaDB innodb_buffer_pool_size=64M in an !includedir file of
# its --defaults-file and --max-connections=40 on its command line. Each server runs in a cgroup of its own: v1 memory, cpu and cpuacct
# hierarchies on a v1 or hybrid host, one directory with the memory and cpu controllers on a
# cgroup v2 host (detected at run time).
#
# Everything lives under ${HOSTFIT_STATE:-/tmp/hostfit-test}, made afresh by the first start;
# pid files there let hf_stop_all (even from another shell) stop what an earlier run left.
# Every line printed here begins with '[components]'. Recipes: ../shared/components.md.

HF_STATE="${HOSTFIT_STATE:-/tmp/hostfit-test}"
HF_CGROUP_ROOT="${HOSTFIT_CGROUP_ROOT:-/sys/fs/cgroup}"
HF_PG_CGROUP=hostfit-pg
HF_REDIS_CGROUP=hostfit-redis
HF_MARIADB_CGROUP=hostfit-mariadb
HF_DOCKER_CONTAINER=hostfit-busy
HF_DOCKER_IMAGE=local/busybox:1
HF_DOCKER_ALLOC_MIB=64
HF_PG_BIN="${HOSTFIT_PG_BIN:-/usr/lib/postgresql/15/bin}"
# One run per machine: the cgroup names and /sys/fs/cgroup/*/docker are machine-wide.
HF_LOCK_FILE="${HOSTFIT_LOCK_FILE:-/tmp/hostfit-components.lock}"
HF_READY_TIMEOUT="${HOSTFIT_READY_TIMEOUT:-30}"
HF_LOCK_FD=""
HF_FAIL_REASON=""
HF_STATE_READY=""
HF_USED_PORTS=" "
HF_MARKER=.hostfit-components-state

case ":$PATH:" in *:/usr/sbin:*) ;; *) PATH="$PATH:/usr/sbin:/sbin" ;; esac

hf_log() { printf '[components] %s\n' "$*"; }
hf_skip() { printf '[components] SKIP component %s: %s\n' "$1" "$2"; }

# Seconds since the epoch with milliseconds, for the timings printed.
hf_now() { date +%s.%3N; }
hf_since() { awk -v a="$1" -v b="$(hf_now)" 'BEGIN { printf "%.1f", b - a }'; }

# The docker client from docker.io, not a newer one earlier on PATH.
hf_docker() {
    local bin=docker
    [ -x /usr/bin/docker ] && bin=/usr/bin/docker
    DOCKER_HOST="unix://$HF_STATE/docker.sock" "$bin" "$@"
}

# hf_docker limited to $1 seconds (an engine that is shutting down may not answer).
hf_docker_bounded() {
    local secs=$1 bin=docker
    shift
    [ -x /usr/bin/docker ] && bin=/usr/bin/docker
    DOCKER_HOST="unix://$HF_STATE/docker.sock" timeout "$secs" "$bin" "$@"
}

# A TCP port on 127.0.0.1 that nothing listens on, not handed out before in this run.
hf_free_port() {
    local port i
    for i in $(seq 1 50); do
        port=""
        if command -v python3 >/dev/null 2>&1; then
            port=$(python3 -c 'import socket
s = socket.socket()
s.bind(("127.0.0.1", 0))
print(s.getsockname()[1])' 2>/dev/null) || port=""
        fi
        if [ -z "$port" ]; then
            port=$((20000 + (RANDOM * 32768 + RANDOM) % 12000))
            if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then continue; fi
        fi
        case "$HF_USED_PORTS" in *" $port "*) continue ;; esac
        HF_USED_PORTS="$HF_USED_PORTS$port "
        echo "$port"
        return 0
    done
    return 1
}

# Why a server did not come up, from its log $1: the first fatal line, else the last line.
hf_reason() {
    local line
    line=$(grep -m 1 -E 'FATAL|PANIC|level=fatal|# Fatal|failed to start|Error:' "$1" 2>/dev/null) ||
        line=$(tail -n 1 "$1" 2>/dev/null)
    printf "see '%s': %s" "$1" "${line:-empty log}"
}

# True when pid $1 is alive and its command line contains $2.
hf_pid_is() {
    local pid=$1 want=$2 cmd
    [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
    cmd=$(tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null) || return 1
    case "$cmd" in *"$want"*) return 0 ;; *) return 1 ;; esac
}

# Wait up to $2 seconds for pid $1 to exit.
hf_wait_gone() {
    local pid=$1 deadline=$(($(date +%s) + $2))
    # A zombie (an exited child of this shell not yet reaped) counts as gone.
    while [ -d "/proc/$pid" ] && ! grep -q '^State:.*Z' "/proc/$pid/status" 2>/dev/null; do
        [ "$(date +%s)" -lt "$deadline" ] || return 1
        sleep 0.2
    done
    # Reap it if it is our child; it has exited, so this does not block.
    wait "$pid" 2>/dev/null || true
    return 0
}

# Stop the process whose pid is in file $1 if its command line contains $2: signal $3, then
# KILL after $4 seconds. Quiet when there is nothing to stop.
hf_stop_pidfile() {
    local file=$1 want=$2 sig=$3 grace=$4 pid
    [ -f "$file" ] || return 0
    pid=$(head -n 1 "$file" 2>/dev/null | tr -dc '0-9')
    if hf_pid_is "$pid" "$want"; then
        kill "-$sig" "$pid" 2>/dev/null || true
        if ! hf_wait_gone "$pid" "$grace"; then
            hf_log "pid $pid ($want) still up after ${grace}s, sending KILL"
            kill -KILL "$pid" 2>/dev/null || true
            hf_wait_gone "$pid" 5 || true
        fi
    fi
    rm -f "$file" 2>/dev/null || true
}

# True on a cgroup v2 (unified) host: the root is itself a cgroup2 mount. A v1 or hybrid host
# (v1 controllers, perhaps an empty v2 mount at unified/) answers false and keeps the v1 path.
hf_cgroup_v2() {
    [ -f "$HF_CGROUP_ROOT/cgroup.controllers" ] && [ ! -d "$HF_CGROUP_ROOT/memory" ]
}

# The directories of cgroup $1: on v1 one per memory, cpu and cpuacct hierarchy (each once,
# also where cpu and cpuacct are mounted together); on v2 the one directory of the tree.
hf_cgroup_dirs() {
    local name=$1 ctrl real seen=" "
    if hf_cgroup_v2; then
        echo "$HF_CGROUP_ROOT/$name"
        return 0
    fi
    for ctrl in memory cpu cpuacct; do
        [ -d "$HF_CGROUP_ROOT/$ctrl" ] || continue
        real=$(readlink -f "$HF_CGROUP_ROOT/$ctrl")
        case "$seen" in *" $real "*) continue ;; esac
        seen="$seen$real "
        echo "$real/$name"
    done
}

# cgroup v2 only: the memory and cpu controllers enabled for the children of the root, as a
# child gets only what its parent's cgroup.subtree_control hands down. Prints the reason and
# fails when they cannot be (a root that is not the real one and holds processes refuses).
# Not run on the v1-hybrid machines these scripts were written on.
hf_cgroup_v2_controllers() {
    local ctrl have want=""
    have=$(cat "$HF_CGROUP_ROOT/cgroup.controllers" 2>/dev/null)
    for ctrl in memory cpu; do
        case " $have " in *" $ctrl "*) ;; *)
            echo "cgroup v2 controller '$ctrl' is not available at $HF_CGROUP_ROOT"
            return 1
            ;;
        esac
        case " $(cat "$HF_CGROUP_ROOT/cgroup.subtree_control" 2>/dev/null) " in
        *" $ctrl "*) ;;
        *) want="$want +$ctrl" ;;
        esac
    done
    [ -z "$want" ] && return 0
    if ! echo "${want# }" >"$HF_CGROUP_ROOT/cgroup.subtree_control" 2>/dev/null; then
        echo "cannot enable '${want# }' in $HF_CGROUP_ROOT/cgroup.subtree_control"
        return 1
    fi
}

# Make cgroup $1 in every hierarchy of hf_cgroup_dirs; prints the reason and fails when not possible.
hf_cgroup_create() {
    local name=$1 dir dirs
    if hf_cgroup_v2; then
        hf_cgroup_v2_controllers || return 1
    elif [ ! -f "$HF_CGROUP_ROOT/memory/cgroup.procs" ]; then
        echo "no cgroup v1 memory hierarchy at $HF_CGROUP_ROOT/memory and no cgroup v2 root"
        return 1
    fi
    dirs=$(hf_cgroup_dirs "$name")
    for dir in $dirs; do
        if ! mkdir -p "$dir" 2>/dev/null; then
            echo "cannot create '$dir'"
            return 1
        fi
    done
}

# Remove cgroup $1: end what is left in it (only this script puts processes there), then rmdir.
hf_cgroup_remove() {
    local name=$1 dir pid i
    for dir in $(hf_cgroup_dirs "$name"); do
        [ -d "$dir" ] || continue
        for i in $(seq 1 50); do
            [ -s "$dir/cgroup.procs" ] || break
            for pid in $(cat "$dir/cgroup.procs" 2>/dev/null); do
                kill "-$([ "$i" -lt 25 ] && echo TERM || echo KILL)" "$pid" 2>/dev/null || true
            done
            sleep 0.2
        done
        rmdir "$dir" 2>/dev/null || hf_log "could not remove cgroup '$dir'"
    done
}

# A command line that puts the shell into cgroup $1 then execs the rest, for `sh -c`.
hf_cgroup_exec_prefix() {
    local name=$1 dir prefix=""
    for dir in $(hf_cgroup_dirs "$name"); do
        prefix="${prefix}echo \$\$ > '$dir/cgroup.procs' && "
    done
    printf '%s' "$prefix"
}

# The processes that have the lock file open (a run, or the command it runs), as 'pid name'.
hf_lock_holders() {
    local fd pid out=""
    for fd in /proc/[0-9]*/fd/*; do
        [ "$(readlink "$fd" 2>/dev/null)" = "$HF_LOCK_FILE" ] || continue
        pid=${fd#/proc/}
        pid=${pid%%/*}
        [ "$pid" = "$$" ] || [ "$pid" = "$BASHPID" ] && continue
        case " $out " in *" $pid "*) continue ;; esac
        out="$out $pid $(cat "/proc/$pid/comm" 2>/dev/null),"
    done
    out=${out%,}
    printf '%s' "${out# }"
}

# Take the machine-wide lock (so two runs do not stop each other's servers), waiting up to
# $1 seconds. True when this shell holds it, or when there is no flock to take it with.
hf_lock() {
    local wait=$1
    [ -n "$HF_LOCK_FD" ] && return 0
    command -v flock >/dev/null 2>&1 || return 0
    exec {HF_LOCK_FD}>>"$HF_LOCK_FILE" || { HF_LOCK_FD=""; return 0; }
    flock -n "$HF_LOCK_FD" && return 0
    if [ "$wait" -gt 0 ]; then
        hf_log "another run holds '$HF_LOCK_FILE' (pids: $(hf_lock_holders)), waiting up to ${wait}s"
        flock -w "$wait" "$HF_LOCK_FD" && return 0
    fi
    hf_log "another run holds '$HF_LOCK_FILE' (pids: $(hf_lock_holders)): leaving its servers alone"
    exec {HF_LOCK_FD}>&-
    HF_LOCK_FD=""
    return 1
}

hf_unlock() {
    [ -n "$HF_LOCK_FD" ] || return 0
    exec {HF_LOCK_FD}>&-
    HF_LOCK_FD=""
}

# True when the state dir may be wiped: absent, empty, or holding the marker of these scripts.
hf_state_ours() {
    case "$HF_STATE" in "" | / | /tmp | /tmp/) return 1 ;; esac
    [ ! -e "$HF_STATE" ] && return 0
    [ -d "$HF_STATE" ] || return 1
    [ -f "$HF_STATE/$HF_MARKER" ] && return 0
    [ -z "$(ls -A "$HF_STATE" 2>/dev/null)" ]
}

# Take the lock, stop whatever an earlier run left, and make the state dir afresh.
hf_prepare_state() {
    [ -n "$HF_STATE_READY" ] && return 0
    [ -n "$HF_FAIL_REASON" ] && return 1
    if ! hf_state_ours; then
        HF_FAIL_REASON="state dir '$HF_STATE' exists and was not made by these scripts (no $HF_MARKER in it)"
        return 1
    fi
    if ! hf_lock "${HOSTFIT_LOCK_WAIT:-600}"; then
        HF_FAIL_REASON="another run holds '$HF_LOCK_FILE'"
        return 1
    fi
    hf_stop_all quiet
    if ! { mkdir -p "$HF_STATE" && chmod 755 "$HF_STATE" && touch "$HF_STATE/$HF_MARKER"; }; then
        HF_FAIL_REASON="cannot create state dir '$HF_STATE'"
        return 1
    fi
    HF_STATE_READY=1
}

# Run a server in the background, its stdio on a log file and without the lock fd, so a
# server that outlives this shell holds neither a caller's pipe nor the lock. Without job
# control the job would share the terminal's process group, and a Ctrl-C meant for the
# command under test would reach the servers too: setsid gives it a session of its own
# (it does not fork there, as the job is no group leader, so $! stays the server's pid).
hf_spawn() {
    local log=$1 new_session=()
    shift
    case $- in *m*) ;; *) command -v setsid >/dev/null 2>&1 && new_session=(setsid) ;; esac
    if [ -n "$HF_LOCK_FD" ]; then
        "${new_session[@]}" "$@" </dev/null >>"$log" 2>&1 {HF_LOCK_FD}>&- &
    else
        "${new_session[@]}" "$@" </dev/null >>"$log" 2>&1 &
    fi
}

hf_start_postgres() {
    local t0 port dir why prefix pid
    t0=$(hf_now)
    unset HOSTFIT_PG_PORT HOSTFIT_PG_PID HOSTFIT_PG_CGROUP
    hf_prepare_state || { hf_skip postgres "$HF_FAIL_REASON"; return 0; }
    if [ ! -x "$HF_PG_BIN/postgres" ] || [ ! -x "$HF_PG_BIN/initdb" ]; then
        hf_skip postgres "no PostgreSQL 15 server in '$HF_PG_BIN' (package postgresql)"
        return 0
    fi
    if ! id postgres >/dev/null 2>&1; then
        hf_skip postgres "no user 'postgres'"
        return 0
    fi
    dir="$HF_STATE/postgres"
    mkdir -p "$dir/sock" && chown -R postgres:postgres "$dir" && chmod 700 "$dir"
    # initdb and the server run as postgres: every parent of the state dir must let it in.
    if ! setpriv --reuid postgres --regid postgres --init-groups test -w "$dir/sock"; then
        hf_skip postgres "user postgres cannot write '$dir' (a parent of HOSTFIT_STATE is not searchable)"
        return 0
    fi
    if ! (cd "$dir" && setpriv --reuid postgres --regid postgres --init-groups \
        "$HF_PG_BIN/initdb" -D "$dir/data" -A trust -U postgres -E UTF8 --locale=C \
        >"$dir/initdb.log" 2>&1); then
        hf_skip postgres "initdb failed, $(hf_reason "$dir/initdb.log")"
        return 0
    fi
    # Settings that are not the defaults: shared_buffers in an included file, max_connections on
    # the command line below.
    mkdir -p "$dir/data/conf.d" && echo "shared_buffers = 64MB" >"$dir/data/conf.d/hostfit.conf" &&
        echo "include_dir 'conf.d'" >>"$dir/data/postgresql.conf" && chown -R postgres:postgres "$dir/data/conf.d"
    port=$(hf_free_port) || { hf_skip postgres "no free port"; return 0; }
    if why=$(hf_cgroup_create "$HF_PG_CGROUP"); then
        prefix=$(hf_cgroup_exec_prefix "$HF_PG_CGROUP")
    else
        hf_log "postgres runs without its own cgroup: $why"
        prefix=""
    fi
    # The postmaster itself is the pid of this job: sh joins the cgroup, then execs setpriv,
    # which execs postgres as user postgres.
    hf_spawn "$dir/server.log" sh -c "${prefix}cd '$dir' && exec setpriv --reuid postgres --regid postgres --init-groups \"\$@\"" sh \
        "$HF_PG_BIN/postgres" -D "$dir/data" -p "$port" -k "$dir/sock" \
        -c listen_addresses=127.0.0.1 -c logging_collector=off -c max_connections=40
    pid=$!
    echo "$pid" >"$HF_STATE/postgres.pid"
    local deadline=$(($(date +%s) + HF_READY_TIMEOUT))
    until "$HF_PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U postgres 2>/dev/null; do
        if ! kill -0 "$pid" 2>/dev/null || [ "$(date +%s)" -ge "$deadline" ]; then
            hf_skip postgres "server did not answer on 127.0.0.1:$port, $(hf_reason "$dir/server.log")"
            hf_stop_postgres
            return 0
        fi
        sleep 0.2
    done
    # About 26 MB of rows, read into shared buffers (pg_prewarm), so the server holds pages
    # it can count itself (pg_buffercache) and the live test can hold the scan against.
    if ! "$HF_PG_BIN/psql" -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -v ON_ERROR_STOP=1 \
        -c 'CREATE EXTENSION pg_buffercache' -c 'CREATE EXTENSION pg_prewarm' \
        -c "CREATE TABLE hostfit_fill AS SELECT g, repeat('x', 500) AS pad FROM generate_series(1, 50000) g" \
        -c "SELECT pg_prewarm('hostfit_fill')" >"$dir/fill.log" 2>&1; then
        hf_log "postgres: filling shared buffers failed, $(hf_reason "$dir/fill.log")"
    fi
    export HOSTFIT_PG_PORT="$port" HOSTFIT_PG_PID="$pid"
    [ -n "$prefix" ] && export HOSTFIT_PG_CGROUP="$HF_PG_CGROUP"
    hf_log "postgres up in $(hf_since "$t0")s: 127.0.0.1:$port pid $pid cgroup ${HOSTFIT_PG_CGROUP:-none}"
}

hf_stop_postgres() {
    # SIGINT is PostgreSQL's fast shutdown; the postmaster waits for its children.
    hf_stop_pidfile "$HF_STATE/postgres.pid" postgres INT 20
    hf_cgroup_remove "$HF_PG_CGROUP"
}

hf_start_redis() {
    local t0 port dir why prefix pid keys=100000 size=200
    t0=$(hf_now)
    unset HOSTFIT_REDIS_PORT HOSTFIT_REDIS_PID HOSTFIT_REDIS_CGROUP
    hf_prepare_state || { hf_skip redis "$HF_FAIL_REASON"; return 0; }
    if ! command -v redis-server >/dev/null 2>&1 || ! command -v redis-cli >/dev/null 2>&1; then
        hf_skip redis "no redis-server or redis-cli (package redis-server)"
        return 0
    fi
    dir="$HF_STATE/redis"
    mkdir -p "$dir"
    port=$(hf_free_port) || { hf_skip redis "no free port"; return 0; }
    if why=$(hf_cgroup_create "$HF_REDIS_CGROUP"); then
        prefix=$(hf_cgroup_exec_prefix "$HF_REDIS_CGROUP")
    else
        hf_log "redis runs without its own cgroup: $why"
        prefix=""
    fi
    # maxmemory in the configuration file, which the process title names: Redis writes its title
    # over its command line, and {config-file} keeps the file findable there.
    printf '%s\n' 'maxmemory 100mb' \
        'proc-title-template "{title} {listen-addr} {server-mode} {config-file}"' >"$dir/redis.conf"
    hf_spawn "$dir/server.log" sh -c "${prefix}cd '$dir' && exec \"\$@\"" sh \
        redis-server "$dir/redis.conf" --port "$port" --bind 127.0.0.1 --save "" --appendonly no \
        --daemonize no --dir "$dir" --enable-debug-command local
    pid=$!
    echo "$pid" >"$HF_STATE/redis.pid"
    local deadline=$(($(date +%s) + HF_READY_TIMEOUT))
    until [ "$(redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null)" = PONG ]; do
        if ! kill -0 "$pid" 2>/dev/null || [ "$(date +%s)" -ge "$deadline" ]; then
            hf_skip redis "server did not answer on 127.0.0.1:$port, $(hf_reason "$dir/server.log")"
            hf_stop_redis
            return 0
        fi
        sleep 0.1
    done
    # About 20 MB of values, so the server's memory is more than its empty heap.
    if ! redis-cli -h 127.0.0.1 -p "$port" DEBUG POPULATE "$keys" key "$size" >/dev/null 2>&1; then
        hf_log "redis: DEBUG POPULATE failed, the server holds no data"
    fi
    export HOSTFIT_REDIS_PORT="$port" HOSTFIT_REDIS_PID="$pid"
    [ -n "$prefix" ] && export HOSTFIT_REDIS_CGROUP="$HF_REDIS_CGROUP"
    hf_log "redis up in $(hf_since "$t0")s: 127.0.0.1:$port pid $pid cgroup ${HOSTFIT_REDIS_CGROUP:-none}" \
        "keys $(redis-cli -h 127.0.0.1 -p "$port" DBSIZE 2>/dev/null)" \
        "used_memory $(redis-cli -h 127.0.0.1 -p "$port" INFO memory 2>/dev/null | tr -d '\r' | sed -n 's/^used_memory_human://p')"
}

hf_stop_redis() {
    hf_stop_pidfile "$HF_STATE/redis.pid" redis-server TERM 15
    hf_cgroup_remove "$HF_REDIS_CGROUP"
}

hf_start_mariadb() {
    local t0 port dir why prefix pid
    t0=$(hf_now)
    unset HOSTFIT_MARIADB_PORT HOSTFIT_MARIADB_PID HOSTFIT_MARIADB_SOCKET HOSTFIT_MARIADB_CGROUP
    hf_prepare_state || { hf_skip mariadb "$HF_FAIL_REASON"; return 0; }
    if ! command -v mariadbd >/dev/null 2>&1 || ! command -v mariadb-install-db >/dev/null 2>&1 ||
        ! command -v mariadb >/dev/null 2>&1; then
        hf_skip mariadb "no mariadbd, mariadb-install-db or mariadb (packages mariadb-server, mariadb-client)"
        return 0
    fi
    dir="$HF_STATE/mariadb"
    mkdir -p "$dir/conf.d"
    if ! mariadb-install-db --no-defaults --user=root --datadir="$dir/data" \
        --auth-root-authentication-method=normal >"$dir/install.log" 2>&1; then
        hf_skip mariadb "mariadb-install-db failed, $(hf_reason "$dir/install.log")"
        return 0
    fi
    # Its own option file (not the machine's /etc/mysql): the buffer pool in an !includedir file.
    printf '[mysqld]\ndatadir = %s\n\n!includedir %s\n' "$dir/data" "$dir/conf.d" >"$dir/my.cnf"
    printf '[mysqld]\ninnodb_buffer_pool_size = 64M\n' >"$dir/conf.d/hostfit.cnf"
    port=$(hf_free_port) || { hf_skip mariadb "no free port"; return 0; }
    if why=$(hf_cgroup_create "$HF_MARIADB_CGROUP"); then
        prefix=$(hf_cgroup_exec_prefix "$HF_MARIADB_CGROUP")
    else
        hf_log "mariadb runs without its own cgroup: $why"
        prefix=""
    fi
    hf_spawn "$dir/server.log" sh -c "${prefix}cd '$dir' && exec \"\$@\"" sh \
        mariadbd --defaults-file="$dir/my.cnf" --user=root --socket="$dir/mysqld.sock" \
        --port="$port" --bind-address=127.0.0.1 --pid-file="$dir/mariadbd.pid" --max-connections=40
    pid=$!
    echo "$pid" >"$HF_STATE/mariadb.pid"
    local deadline=$(($(date +%s) + HF_READY_TIMEOUT))
    until mariadb --no-defaults --socket="$dir/mysqld.sock" -uroot -e 'select 1' >/dev/null 2>&1; do
        if ! kill -0 "$pid" 2>/dev/null || [ "$(date +%s)" -ge "$deadline" ]; then
            hf_skip mariadb "server did not answer on '$dir/mysqld.sock', $(hf_reason "$dir/server.log")"
            hf_stop_mariadb
            return 0
        fi
        sleep 0.2
    done
    export HOSTFIT_MARIADB_PORT="$port" HOSTFIT_MARIADB_PID="$pid" HOSTFIT_MARIADB_SOCKET="$dir/mysqld.sock"
    [ -n "$prefix" ] && export HOSTFIT_MARIADB_CGROUP="$HF_MARIADB_CGROUP"
    hf_log "mariadb up in $(hf_since "$t0")s: 127.0.0.1:$port pid $pid cgroup ${HOSTFIT_MARIADB_CGROUP:-none}" \
        "buffer pool $(mariadb --no-defaults --socket="$dir/mysqld.sock" -uroot -N -e 'select @@innodb_buffer_pool_size' 2>/dev/null)"
}

hf_stop_mariadb() {
    hf_stop_pidfile "$HF_STATE/mariadb.pid" mariadbd TERM 30
    hf_cgroup_remove "$HF_MARIADB_CGROUP"
}

# A rootfs with the static busybox from Debian and a link per applet, as a tar on stdout.
hf_busybox_rootfs() {
    local root="$HF_STATE/busybox-rootfs" bb="" applet
    for bb in /bin/busybox /usr/bin/busybox; do
        # (ldd exits 1 on a static binary, so its words are read, not its status)
        [ -x "$bb" ] && case "$(LC_ALL=C ldd "$bb" 2>&1)" in *"not a dynamic executable"*) break ;; esac
        bb=""
    done
    if [ -z "$bb" ]; then
        # Not installed (or the dynamic one): take the static one out of its package.
        (cd "$HF_STATE" && apt-get download busybox-static >/dev/null 2>&1 &&
            dpkg-deb -x busybox-static_*.deb busybox-deb) || return 1
        bb="$HF_STATE/busybox-deb/bin/busybox"
        [ -x "$bb" ] || return 1
    fi
    rm -rf "$root"
    mkdir -p "$root/bin" "$root/dev" "$root/proc" "$root/sys" "$root/tmp" "$root/etc"
    chmod 1777 "$root/tmp"
    cp "$bb" "$root/bin/busybox"
    for applet in $("$bb" --list); do
        [ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"
    done
    echo 'root:x:0:0:root:/:/bin/sh' >"$root/etc/passwd"
    echo 'root:x:0:' >"$root/etc/group"
    [ -e "$root/bin/sh" ] || return 1
    tar -C "$root" -c .
}

# The memory cgroup directory of container id $1, where Docker's cgroupfs driver puts it
# (v1: under the memory hierarchy; v2: docker/<id> in the one tree).
hf_docker_memcg() {
    local d
    for d in "$HF_CGROUP_ROOT/memory/docker/$1" "$HF_CGROUP_ROOT"/memory/*/docker/"$1" \
        "$HF_CGROUP_ROOT/docker/$1"; do
        [ -d "$d" ] && { echo "$d"; return 0; }
    done
    return 1
}

# The bytes charged to memory cgroup dir $1: v1 memory.usage_in_bytes, v2 memory.current.
hf_memcg_usage() {
    cat "$1/memory.usage_in_bytes" 2>/dev/null || cat "$1/memory.current" 2>/dev/null || echo 0
}

hf_start_docker() {
    local t0 dir sock pid deadline id memcg usage want
    t0=$(hf_now)
    unset HOSTFIT_DOCKER_CONTAINER HOSTFIT_DOCKER_CONTAINER_ID HOSTFIT_DOCKER_ALLOC_BYTES
    hf_prepare_state || { hf_skip docker "$HF_FAIL_REASON"; return 0; }
    if ! command -v dockerd >/dev/null 2>&1 || ! command -v containerd >/dev/null 2>&1; then
        hf_skip docker "no dockerd or containerd (package docker.io)"
        return 0
    fi
    dir="$HF_STATE/docker"
    sock="$HF_STATE/docker.sock"
    mkdir -p "$dir/data" "$dir/exec"
    # No network of its own: no bridge, no iptables; the only API socket is ours.
    hf_spawn "$dir/dockerd.log" dockerd -H "unix://$sock" \
        --data-root "$dir/data" --exec-root "$dir/exec" --pidfile "$dir/dockerd.pid" \
        --bridge=none --iptables=false --ip-masq=false --ip-forward=false \
        --userland-proxy=false --exec-opt native.cgroupdriver=cgroupfs --storage-driver overlay2
    pid=$!
    echo "$pid" >"$HF_STATE/dockerd.pid"
    deadline=$(($(date +%s) + HF_READY_TIMEOUT))
    until hf_docker version >/dev/null 2>&1; do
        if ! kill -0 "$pid" 2>/dev/null || [ "$(date +%s)" -ge "$deadline" ]; then
            hf_skip docker "engine did not answer on '$sock', $(hf_reason "$dir/dockerd.log")"
            hf_stop_docker
            return 0
        fi
        sleep 0.2
    done
    hf_log "docker engine up in $(hf_since "$t0")s: unix://$sock pid $pid" \
        "storage $(hf_docker info --format '{{.Driver}}' 2>/dev/null)" \
        "cgroup driver $(hf_docker info --format '{{.CgroupDriver}}' 2>/dev/null)"
    if ! hf_busybox_rootfs 2>"$dir/image.log" |
        hf_docker import --change 'ENV PATH=/bin' - "$HF_DOCKER_IMAGE" >>"$dir/image.log" 2>&1; then
        hf_skip docker "could not build image '$HF_DOCKER_IMAGE' from busybox-static, see '$dir/image.log'"
        hf_stop_docker
        return 0
    fi
    # A known allocation: 64 MiB written into the container's /dev/shm (a tmpfs charged to
    # its memory cgroup), then one busy loop held to half a core by --cpus.
    if ! id=$(hf_docker run -d --name "$HF_DOCKER_CONTAINER" --network none \
        --memory 256m --cpus 0.5 --shm-size 128m "$HF_DOCKER_IMAGE" \
        sh -c "dd if=/dev/zero of=/dev/shm/fill bs=1M count=$HF_DOCKER_ALLOC_MIB || exit 1; touch /tmp/filled; while :; do :; done" \
        2>"$dir/run.log"); then
        hf_skip docker "could not run container '$HF_DOCKER_CONTAINER': $(tail -n 1 "$dir/run.log")"
        hf_stop_docker
        return 0
    fi
    # Wait for the allocation to land in the container's cgroup.
    want=$((HF_DOCKER_ALLOC_MIB * 1024 * 1024))
    usage=0
    deadline=$(($(date +%s) + HF_READY_TIMEOUT))
    while :; do
        if hf_docker exec "$HF_DOCKER_CONTAINER" test -e /tmp/filled >/dev/null 2>&1; then
            memcg=$(hf_docker_memcg "$id") || memcg=""
            [ -n "$memcg" ] && usage=$(hf_memcg_usage "$memcg")
            break
        fi
        if [ "$(hf_docker inspect -f '{{.State.Running}}' "$HF_DOCKER_CONTAINER" 2>/dev/null)" != true ] ||
            [ "$(date +%s)" -ge "$deadline" ]; then
            hf_skip docker "container '$HF_DOCKER_CONTAINER' did not fill ${HF_DOCKER_ALLOC_MIB} MiB: $(hf_docker logs --tail 1 "$HF_DOCKER_CONTAINER" 2>&1)"
            hf_stop_docker
            return 0
        fi
        sleep 0.2
    done
    if [ -n "$memcg" ] && [ "$usage" -lt "$want" ]; then
        hf_log "docker: container memory usage $usage is below the $want bytes written"
    fi
    export DOCKER_HOST="unix://$sock"
    export HOSTFIT_DOCKER_CONTAINER="$HF_DOCKER_CONTAINER" HOSTFIT_DOCKER_CONTAINER_ID="$id"
    export HOSTFIT_DOCKER_ALLOC_BYTES="$want"
    hf_log "docker up in $(hf_since "$t0")s: container $HF_DOCKER_CONTAINER ${id:0:12}" \
        "memcg ${memcg:-not found} usage $((usage / 1048576)) MiB"
}

hf_stop_docker() {
    local sock="$HF_STATE/docker.sock" pid
    if [ -S "$sock" ] && hf_pid_is "$(cat "$HF_STATE/dockerd.pid" 2>/dev/null)" dockerd; then
        hf_docker_bounded 20 rm -f "$HF_DOCKER_CONTAINER" >/dev/null 2>&1 || true
        hf_docker_bounded 20 rmi -f "$HF_DOCKER_IMAGE" >/dev/null 2>&1 || true
    fi
    # dockerd stops its own containerd on TERM; give it the time it takes.
    hf_stop_pidfile "$HF_STATE/dockerd.pid" dockerd TERM 30
    # A containerd or shim left behind (dockerd killed hard) still names our state dir.
    for pid in /proc/[0-9]*; do
        pid=${pid#/proc/}
        if hf_pid_is "$pid" "$HF_STATE/docker/"; then
            case "$(cat "/proc/$pid/comm" 2>/dev/null)" in
            containerd*) kill -KILL "$pid" 2>/dev/null || true ;;
            esac
        fi
    done
    # A container whose shim was killed goes on running, outside any engine: end what is left
    # in the cgroups of this engine's containers (v1: <controller>/docker/<id>, v2: docker/<id>),
    # then remove them and their 'docker' parents once empty (rmdir refuses a cgroup that is not).
    local ctrl cid cg
    for cid in "$HF_STATE"/docker/data/containers/*; do
        cid=${cid##*/}
        [ "$cid" = "*" ] && continue
        for ctrl in "$HF_CGROUP_ROOT/" "$HF_CGROUP_ROOT"/*/; do
            cg="${ctrl}docker/$cid"
            [ -d "$cg" ] || continue
            for pid in $(cat "$cg/cgroup.procs" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null || true; done
        done
        sleep 0.2
        for ctrl in "$HF_CGROUP_ROOT/" "$HF_CGROUP_ROOT"/*/; do
            [ -d "${ctrl}docker/$cid" ] && rmdir "${ctrl}docker/$cid" 2>/dev/null
        done
    done
    for ctrl in "$HF_CGROUP_ROOT/" "$HF_CGROUP_ROOT"/*/; do
        [ -d "${ctrl}docker" ] && rmdir "${ctrl}docker" 2>/dev/null || true
    done
    [ "${DOCKER_HOST:-}" = "unix://$sock" ] && unset DOCKER_HOST
    return 0
}

hf_start_node_exporter() {
    local t0 port dir pid bin deadline
    t0=$(hf_now)
    unset HOSTFIT_NODE_EXPORTER_URL
    hf_prepare_state || { hf_skip node_exporter "$HF_FAIL_REASON"; return 0; }
    bin=$(command -v prometheus-node-exporter || command -v node_exporter) || {
        hf_skip node_exporter "no prometheus-node-exporter (package prometheus-node-exporter)"
        return 0
    }
    dir="$HF_STATE/node-exporter"
    mkdir -p "$dir"
    port=$(hf_free_port) || { hf_skip node_exporter "no free port"; return 0; }
    # As its packaged service runs it: user prometheus (when there is one). No systemd here, so
    # its systemd collector (on in Debian's build) would only fail on every scrape.
    local as_user=()
    id prometheus >/dev/null 2>&1 && as_user=(setpriv --reuid prometheus --regid prometheus --init-groups)
    hf_spawn "$dir/server.log" "${as_user[@]}" "$bin" --web.listen-address="127.0.0.1:$port" \
        --no-collector.systemd
    pid=$!
    echo "$pid" >"$HF_STATE/node-exporter.pid"
    deadline=$(($(date +%s) + HF_READY_TIMEOUT))
    until curl -fsS -o /dev/null "http://127.0.0.1:$port/metrics" 2>/dev/null; do
        if ! kill -0 "$pid" 2>/dev/null || [ "$(date +%s)" -ge "$deadline" ]; then
            hf_skip node_exporter "did not answer on 127.0.0.1:$port, $(hf_reason "$dir/server.log")"
            hf_stop_node_exporter
            return 0
        fi
        sleep 0.1
    done
    export HOSTFIT_NODE_EXPORTER_URL="http://127.0.0.1:$port/metrics"
    hf_log "node_exporter up in $(hf_since "$t0")s: $HOSTFIT_NODE_EXPORTER_URL pid $pid"
}

hf_stop_node_exporter() {
    hf_stop_pidfile "$HF_STATE/node-exporter.pid" node-exporter TERM 10
    hf_stop_pidfile "$HF_STATE/node-exporter.pid" node_exporter TERM 10
}

# The fixture trees each served by a node_exporter of their own, as a fleet of distinct hosts.
hf_fleet_trees() {
    local here shared t
    here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
    shared="$here/../shared/fixtures/third-party"
    for t in "$here"/tests/fixtures/hosts/*/ "$shared"/*/; do
        [ -d "$t/proc" ] && (cd "$t" && pwd)
    done
}

hf_start_prometheus() {
    local t0 dir bin port tree targets="" lines="" n=0 i
    t0=$(hf_now)
    unset HOSTFIT_PROMETHEUS_URL HOSTFIT_PROMETHEUS3_URL HOSTFIT_FLEET_TARGETS
    hf_prepare_state || { hf_skip prometheus "$HF_FAIL_REASON"; return 0; }
    bin=$(command -v prometheus) || { hf_skip prometheus "no prometheus (package prometheus)"; return 0; }
    local ne
    ne=$(command -v prometheus-node-exporter || command -v node_exporter) || {
        hf_skip prometheus "no prometheus-node-exporter (package prometheus-node-exporter)"
        return 0
    }
    dir="$HF_STATE/prometheus"
    mkdir -p "$dir/data"
    # One node_exporter per fixture tree: only the collectors a tree can answer for.
    while IFS= read -r tree; do
        port=$(hf_free_port) || { hf_skip prometheus "no free port"; return 0; }
        i=$((n + 1))
        hf_spawn "$dir/tree-$i.log" "$ne" --path.procfs="$tree/proc" --path.sysfs="$tree/sys" \
            --collector.disable-defaults --collector.meminfo --collector.cpu \
            --web.listen-address="127.0.0.1:$port"
        echo "$!" >"$HF_STATE/fleet-exporter-$i.pid"
        targets="$targets'127.0.0.1:$port', "
        lines="$lines$tree=127.0.0.1:$port"$'\n'
        n=$i
    done < <(hf_fleet_trees)
    if [ -n "${HOSTFIT_NODE_EXPORTER_URL:-}" ]; then
        local own=${HOSTFIT_NODE_EXPORTER_URL#http://}
        own=${own%%/*}
        targets="$targets'$own', "
        lines="${lines}local=$own"$'\n'
        n=$((n + 1))
    fi
    if ! HF_PROM_PORT=$(hf_prom_serve "$dir" "${targets%, }" "$n"); then
        hf_skip prometheus "$HF_PROM_PORT"
        hf_stop_prometheus
        return 0
    fi
    # A second server with three of those hosts (this machine's and two trees'), for the
    # fleet of three of issue 11's done-when.
    local three=""
    three=$(printf '%s' "$lines" | grep -E '(^local=|/third-party/node_exporter=|/lxc-v2=)' |
        sed 's/.*=\(.*\)/'"'"'\1'"'"'/' | paste -sd, -)
    if ! HF_PROM3_PORT=$(hf_prom_serve "$dir/three" "$three" 3); then
        hf_skip prometheus "$HF_PROM3_PORT"
        hf_stop_prometheus
        return 0
    fi
    export HOSTFIT_PROMETHEUS_URL="http://127.0.0.1:$HF_PROM_PORT"
    export HOSTFIT_PROMETHEUS3_URL="http://127.0.0.1:$HF_PROM3_PORT"
    export HOSTFIT_FLEET_TARGETS="$lines"
    hf_log "prometheus up in $(hf_since "$t0")s: $HOSTFIT_PROMETHEUS_URL ($n node_exporters)," \
        "$HOSTFIT_PROMETHEUS3_URL (3 of them)"
}

# A Prometheus in dir $1 scraping targets $2 ('host:port' quoted, comma-separated) every
# second; prints its port once every one of the $3 targets has been scraped four times (rates
# need two samples), else the reason, and fails.
hf_prom_serve() {
    local dir=$1 targets=$2 want=$3 port pid deadline n
    mkdir -p "$dir/data"
    port=$(hf_free_port) || { echo "no free port"; return 1; }
    cat >"$dir/prometheus.yml" <<CONF
global:
  scrape_interval: 1s
  evaluation_interval: 1s
scrape_configs:
  - job_name: node
    static_configs:
      - targets: [$targets]
CONF
    hf_spawn "$dir/server.log" prometheus --config.file="$dir/prometheus.yml" \
        --storage.tsdb.path="$dir/data" --web.listen-address="127.0.0.1:$port" \
        --storage.tsdb.retention.time=1h
    pid=$!
    n=$(ls "$HF_STATE"/prometheus*.pid 2>/dev/null | wc -l)
    echo "$pid" >"$HF_STATE/prometheus-$n.pid"
    deadline=$(($(date +%s) + HF_READY_TIMEOUT))
    until [ "$(curl -fsS "http://127.0.0.1:$port/api/v1/query" \
        --data-urlencode 'query=count(count_over_time(up[1m]) >= 4)' 2>/dev/null |
        sed -n 's/.*"value":\[[^,]*,"\([0-9]*\)".*/\1/p')" = "$want" ]; do
        if ! kill -0 "$pid" 2>/dev/null || [ "$(date +%s)" -ge "$deadline" ]; then
            echo "did not scrape its $want targets on 127.0.0.1:$port, $(hf_reason "$dir/server.log")"
            return 1
        fi
        sleep 0.5
    done
    echo "$port"
}

hf_stop_prometheus() {
    local f
    for f in "$HF_STATE"/prometheus-*.pid; do
        [ -e "$f" ] && hf_stop_pidfile "$f" prometheus TERM 15
    done
    for f in "$HF_STATE"/fleet-exporter-*.pid; do
        [ -e "$f" ] && hf_stop_pidfile "$f" node-exporter TERM 10
        [ -e "$f" ] && hf_stop_pidfile "$f" node_exporter TERM 10
    done
    return 0
}

# Start every component; one that cannot start says 'SKIP component X: reason' and the rest go on.
hf_start_all() {
    local t0
    t0=$(hf_now)
    hf_start_postgres
    hf_start_redis
    hf_start_mariadb
    hf_start_docker
    hf_start_node_exporter
    hf_start_prometheus
    hf_log "all components started in $(hf_since "$t0")s"
}

# Stop everything under the state dir, remove the cgroups and the state dir. Idempotent; never fails.
# With the argument 'quiet' it prints nothing when there was nothing to stop.
hf_stop_all() {
    local quiet=${1:-} t0 mnt
    {
        # Only the holder of the lock stops anything: the servers may be another run's.
        hf_lock 0 || return 0
        if ! hf_state_ours; then
            [ -z "$quiet" ] && hf_log "leaving '$HF_STATE' alone: not made by these scripts"
            [ -z "$quiet" ] && hf_unlock
            return 0
        fi
        t0=$(hf_now)
        if [ -d "$HF_STATE" ] || [ -d "$HF_CGROUP_ROOT/memory/$HF_PG_CGROUP" ] ||
            [ -d "$HF_CGROUP_ROOT/memory/$HF_REDIS_CGROUP" ] ||
            [ -d "$HF_CGROUP_ROOT/$HF_PG_CGROUP" ] || [ -d "$HF_CGROUP_ROOT/$HF_REDIS_CGROUP" ] ||
            [ -d "$HF_CGROUP_ROOT/memory/$HF_MARIADB_CGROUP" ] || [ -d "$HF_CGROUP_ROOT/$HF_MARIADB_CGROUP" ]; then
            [ -n "$quiet" ] && hf_log "stopping what an earlier run left in '$HF_STATE'"
            hf_stop_docker
            hf_stop_prometheus
            hf_stop_node_exporter
            hf_stop_redis
            hf_stop_mariadb
            hf_stop_postgres
            # Anything still mounted under the state dir (container shm, netns, overlay) goes
            # before the dir does.
            awk -v s="$HF_STATE/" 'index($2, s) == 1 { print $2 }' /proc/self/mounts 2>/dev/null |
                sort -r | while IFS= read -r mnt; do umount -l "$mnt" 2>/dev/null || true; done
            # The marker goes last, so a removal cut short can be finished by the next run.
            find "$HF_STATE" -mindepth 1 -maxdepth 1 ! -name "$HF_MARKER" \
                -exec rm -rf --one-file-system {} + 2>/dev/null
            rm -f "$HF_STATE/$HF_MARKER"
            rmdir "$HF_STATE" 2>/dev/null || hf_log "could not remove '$HF_STATE'"
            [ -z "$quiet" ] && hf_log "all components stopped in $(hf_since "$t0")s"
        elif [ -z "$quiet" ]; then
            hf_log "nothing to stop"
        fi
        unset HOSTFIT_PG_PORT HOSTFIT_PG_PID HOSTFIT_PG_CGROUP \
            HOSTFIT_REDIS_PORT HOSTFIT_REDIS_PID HOSTFIT_REDIS_CGROUP \
            HOSTFIT_MARIADB_PORT HOSTFIT_MARIADB_PID HOSTFIT_MARIADB_SOCKET HOSTFIT_MARIADB_CGROUP \
            HOSTFIT_DOCKER_CONTAINER HOSTFIT_DOCKER_CONTAINER_ID HOSTFIT_DOCKER_ALLOC_BYTES \
            HOSTFIT_NODE_EXPORTER_URL HOSTFIT_PROMETHEUS_URL HOSTFIT_PROMETHEUS3_URL HOSTFIT_FLEET_TARGETS
        HF_STATE_READY=""
        [ -z "$quiet" ] && hf_unlock
    } || true
    return 0
}
