//! The examples of the shipped decks run: every ```` ```sql ```` block on a
//! real PostgreSQL server, every ```` ```python ```` block with python3, every
//! ```` ```redis ```` block on a real Redis, against servers this module
//! starts in temporary folders on private ports.
//!
//! - PostgreSQL: `initdb` in a temporary folder, `postgres` listening only on
//!   a unix socket in that folder, a fresh database (from `template0`) per
//!   block, `psql -X -v ON_ERROR_STOP=1 -f`. A block whose info string names
//!   `postgresql-N` above the server's major version is skipped. The server
//!   refuses to run as root, so as root it runs as `nobody`.
//! - Python: `$PREPDECK_EXAMPLES_PYTHON`, else `python3`, with `PGHOST`,
//!   `PGPORT`, `PGUSER` and `PGDATABASE` naming a fresh database (for a
//!   block that imports `psycopg`) and `REDIS_URL` the test Redis (flushed
//!   first for a block that imports `redis`); it must exit 0 in time.
//! - Redis: `redis-server` on a free loopback port with no persistence,
//!   `FLUSHALL` before each block, then each line (split like a shell
//!   splits words; blank lines and `#` comments skipped) sent with
//!   `redis-cli`; an `(error)` reply fails the block.
//!
//! Every failure is collected and reported together, naming the deck file,
//! the line of the block, the card and the language. A missing server or
//! interpreter fails when `CI` is set and is a printed skip otherwise.

use std::fmt::Write as _;
use std::fs::File;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::deck_source::{Block, code_blocks, shipped};

/// Longest a block may run.
const BLOCK_TIMEOUT: Duration = Duration::from_secs(30);
/// A block that runs longer than this is named in the output.
const SLOW_BLOCK: Duration = Duration::from_secs(2);
/// Longest one `redis-cli` command may run.
const COMMAND_TIMEOUT: Duration = Duration::from_secs(10);
/// Longest a server may take to start, or to stop before it is killed.
const SERVER_TIMEOUT: Duration = Duration::from_secs(30);

/// The languages this module runs.
const RUNNABLE: [&str; 3] = ["sql", "python", "redis"];

fn in_ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty())
}

#[test]
fn every_sql_python_and_redis_example_runs() {
    let started = Instant::now();
    let blocks: Vec<Block> = code_blocks(&shipped())
        .into_iter()
        .filter(|b| RUNNABLE.contains(&b.lang.as_str()))
        .collect();
    let mut run = Runner::new();
    let wants = |lang: &str| blocks.iter().any(|b| b.lang == lang);
    if wants("sql") || wants("python") {
        match Postgres::start(&run.scratch) {
            Ok(pg) => run.pg = Some(pg),
            Err(why) => run.unavailable(&format!("PostgreSQL: {why}")),
        }
    }
    if wants("redis") || wants("python") {
        match Redis::start() {
            Ok(redis) => run.redis = Some(redis),
            Err(why) => run.unavailable(&format!("Redis: {why}")),
        }
    }
    if wants("python") {
        match Python::find() {
            Ok(python) => run.python = Some(python),
            Err(why) => run.unavailable(&format!("Python: {why}")),
        }
    }
    let servers_up = started.elapsed();
    // The runner's own cases run along with the decks' blocks.
    let cases = self_check_cases(&run);
    let all: Vec<Block> = blocks
        .iter()
        .cloned()
        .chain(cases.iter().map(|(b, _)| b.clone()))
        .collect();
    let mut outcomes = run_all(&run, &all);
    let case_outcomes = outcomes.split_off(blocks.len());
    run.failures.extend(self_check(&cases, case_outcomes));
    let mut ran = 0;
    for (block, outcome) in blocks.iter().zip(outcomes) {
        match outcome {
            Outcome::Passed => ran += 1,
            Outcome::Skipped(why) => run.skip(format!("{}: {why}", block.place())),
            Outcome::Failed(why) => {
                run.failures
                    .push(format!("{}\n{}", block.place(), indent(why.trim_end())))
            }
        }
    }
    for skip in &run.skipped {
        println!("skipped: {skip}");
    }
    println!(
        "ran {ran} of {} sql, python and redis blocks in {:.1} s ({:.1} s to start the servers)",
        blocks.len(),
        started.elapsed().as_secs_f64(),
        servers_up.as_secs_f64()
    );
    let failures = std::mem::take(&mut run.failures);
    assert!(
        failures.is_empty(),
        "{} problem(s) with the runnable examples (sql, python, redis):\n\n{}\n",
        failures.len(),
        failures.join("\n\n")
    );
}

/// Runs the blocks on a few threads and returns their outcomes in block
/// order. Blocks that touch Redis share its one keyspace, so they run one
/// after another on the first thread; each of the others has its own
/// database and runs wherever a thread is free.
fn run_all(run: &Runner, blocks: &[Block]) -> Vec<Outcome> {
    let (serial, parallel): (Vec<usize>, Vec<usize>) =
        (0..blocks.len()).partition(|&i| touches_redis(&blocks[i]));
    // Blocks mostly wait on a server or a new process: more lanes than cores.
    let lanes = std::thread::available_parallelism().map_or(4, |n| (2 * n.get()).clamp(2, 8));
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<Outcome>>> =
        Mutex::new((0..blocks.len()).map(|_| None).collect());
    let record = |i: usize| {
        let at = Instant::now();
        let outcome = run.block(&blocks[i]);
        let took = at.elapsed();
        if took > SLOW_BLOCK {
            println!(
                "slow: {} took {:.1} s",
                blocks[i].place(),
                took.as_secs_f64()
            );
        }
        results.lock().expect("results")[i] = Some(outcome);
    };
    std::thread::scope(|scope| {
        for lane in 0..lanes {
            let (serial, parallel, next, record) = (&serial, &parallel, &next, &record);
            scope.spawn(move || {
                if lane == 0 {
                    serial.iter().for_each(|&i| record(i));
                }
                while let Some(&i) = parallel.get(next.fetch_add(1, Ordering::Relaxed)) {
                    record(i);
                }
            });
        }
    });
    results
        .into_inner()
        .expect("results")
        .into_iter()
        .map(|o| o.expect("every block ran"))
        .collect()
}

/// Made-up blocks with known outcomes, run on the same servers to check
/// the runner itself: a failing block must fail naming its deck line, each
/// block must get a fresh database and an empty Redis, a block for a newer
/// server must be skipped.
fn self_check_cases(run: &Runner) -> Vec<(Block, &'static str)> {
    let block = |lang: &str, options: &[&str], code: &str| Block {
        file: "self-check",
        card: format!("self-check/{lang}"),
        line: 10,
        lang: lang.to_string(),
        options: options.iter().map(|o| o.to_string()).collect(),
        code: code.to_string(),
    };
    let mut cases: Vec<(Block, &str)> = Vec::new();
    if run.pg.is_some() {
        let table = "CREATE TABLE t (id int PRIMARY KEY);\nINSERT INTO t VALUES (1);\n";
        cases.extend([
            (block("sql", &[], table), "passed"),
            (block("sql", &[], table), "passed"),
            (
                block("sql", &[], "SELECT 1;\nSELECT * FROM missing;\n"),
                "failed:deck line 12 (block line 2): ERROR:  relation \"missing\" does not exist",
            ),
            (
                block("sql", &["postgresql-999"], "SELECT 1;"),
                "skipped:needs PostgreSQL 999",
            ),
        ]);
    }
    if run.redis.is_some() {
        cases.extend([
            (
                block("redis", &[], "SET s 'a b'\n\n# a comment\nGET s\n"),
                "passed",
            ),
            (block("redis", &[], "LPUSH s x\n"), "passed"),
            (
                block("redis", &[], "SET k v\nLPUSH k x\n"),
                "failed:deck line 12: LPUSH k x",
            ),
        ]);
    }
    if run.python.is_some() {
        cases.push((
            block("python", &[], "import sys\nsys.exit('boom')\n"),
            "failed:boom",
        ));
    }
    if run.python.as_ref().is_some_and(|p| p.psycopg && p.redis)
        && run.pg.is_some()
        && run.redis.is_some()
    {
        let code = "import os, psycopg, redis\n\
                    with psycopg.connect('') as conn:\n\
                    \x20   conn.execute('CREATE TABLE t (id int)')\n\
                    r = redis.Redis.from_url(os.environ['REDIS_URL'])\n\
                    assert r.set('s', 1, nx=True)\n";
        cases.push((block("python", &[], code), "passed"));
        cases.push((block("python", &[], code), "passed"));
    }
    cases
}

/// What went differently from the self-check's expectations.
fn self_check(cases: &[(Block, &str)], outcomes: Vec<Outcome>) -> Vec<String> {
    let mut problems = Vec::new();
    for ((block, want), outcome) in cases.iter().zip(outcomes) {
        let got = match outcome {
            Outcome::Passed => "passed".to_string(),
            Outcome::Skipped(why) => format!("skipped:{why}"),
            Outcome::Failed(why) => format!("failed:{why}"),
        };
        let (kind, detail) = want.split_once(':').unwrap_or((want, ""));
        if !got.starts_with(kind) || !got.contains(detail) {
            problems.push(format!(
                "runner self-check: a {} block {:?} should have {want}, but {got}",
                block.lang, block.code
            ));
        }
    }
    problems
}

/// A redis block, or a Python block that imports `redis`.
fn touches_redis(block: &Block) -> bool {
    block.lang == "redis" || (block.lang == "python" && imports_redis(&block.code))
}

fn imports_redis(code: &str) -> bool {
    imports(code, "redis")
}

/// True when a line of the code imports `module` (`import a, module`,
/// `import module.sub as m`, `from module import x`).
fn imports(code: &str, module: &str) -> bool {
    let top = |name: &str| name.trim().split(['.', ' ']).next() == Some(module);
    code.lines().any(|line| {
        let line = line.trim_start();
        if let Some(rest) = line.strip_prefix("from ") {
            top(rest)
        } else if let Some(rest) = line.strip_prefix("import ") {
            rest.split(',').any(top)
        } else {
            false
        }
    })
}

enum Outcome {
    Passed,
    Skipped(String),
    Failed(String),
}

/// The servers, the interpreter and what went wrong so far. The servers
/// stop when this is dropped, also when an assertion fails.
struct Runner {
    // Fields drop in order: the servers stop before the scratch folder goes.
    pg: Option<Postgres>,
    redis: Option<Redis>,
    python: Option<Python>,
    /// Scripts and command output; owned by the test's user.
    scratch: tempfile::TempDir,
    failures: Vec<String>,
    skipped: Vec<String>,
}

impl Runner {
    fn new() -> Runner {
        Runner {
            pg: None,
            redis: None,
            python: None,
            scratch: tempfile::Builder::new()
                .prefix("prepdeck-examples-")
                .tempdir()
                .expect("temp dir"),
            failures: Vec::new(),
            skipped: Vec::new(),
        }
    }

    /// A server or the interpreter cannot be used: a failure in CI (which
    /// installs them), a skip elsewhere.
    fn unavailable(&mut self, why: &str) {
        if in_ci() {
            self.failures.push(format!(
                "{why}\n    CI is set, so this fails: .ci/run installs what the examples need"
            ));
        } else {
            self.skip(why.to_string());
        }
    }

    fn skip(&mut self, why: String) {
        self.skipped.push(why);
    }

    fn block(&self, block: &Block) -> Outcome {
        match block.lang.as_str() {
            "sql" => self.sql(block),
            "python" => self.python(block),
            _ => self.redis(block),
        }
    }

    /// The outcome for a block that needs something missing.
    fn lacking(&self, what: &str) -> Outcome {
        if in_ci() {
            Outcome::Failed(format!("{what} is not available (see above)"))
        } else {
            Outcome::Skipped(format!("{what} is not available"))
        }
    }

    fn sql(&self, block: &Block) -> Outcome {
        let Some(pg) = self.pg.as_ref() else {
            return self.lacking("PostgreSQL");
        };
        if let Some(needed) = needs_postgres(&block.options).filter(|&n| n > pg.major) {
            return Outcome::Skipped(format!(
                "needs PostgreSQL {needed}, the test server is {}",
                pg.major
            ));
        }
        let script = script_path(self.scratch.path(), block, "sql");
        std::fs::write(&script, &block.code).expect("write the block");
        // One psql per block: make the fresh database, connect, run the block.
        let (db, prelude) = pg.next_database();
        let mut wrapper = prelude.join(";\n") + ";\n";
        let _ = writeln!(wrapper, "\\c {db}");
        let _ = writeln!(wrapper, "\\i '{}'", script.display());
        let wrapper_path = script.with_extension("run.sql");
        std::fs::write(&wrapper_path, wrapper).expect("write the wrapper");
        let mut psql = pg.psql("postgres");
        psql.arg("-v")
            .arg("ON_ERROR_STOP=1")
            .arg("-f")
            .arg(&wrapper_path);
        let outcome = match run_bounded(&mut psql, BLOCK_TIMEOUT, self.scratch.path()) {
            Ok(done) if done.status.success() => Outcome::Passed,
            Ok(done) => Outcome::Failed(format!(
                "psql failed ({}):\n{}",
                done.status,
                psql_errors(&done.stderr, &script, block.line)
            )),
            Err(why) => Outcome::Failed(why),
        };
        pg.done_with(db);
        outcome
    }

    fn python(&self, block: &Block) -> Outcome {
        let Some(python) = self.python.as_ref() else {
            return self.lacking("Python");
        };
        let uses_pg = imports(&block.code, "psycopg");
        let uses_redis = imports_redis(&block.code);
        for (used, module, present) in [
            (uses_pg, "psycopg", python.psycopg),
            (uses_redis, "redis", python.redis),
        ] {
            if used && !present {
                let why = format!(
                    "{} has no '{module}' module; point PREPDECK_EXAMPLES_PYTHON at a venv with psycopg[binary] and redis (.ci/run makes one)",
                    python.path.display()
                );
                return if in_ci() {
                    Outcome::Failed(why)
                } else {
                    Outcome::Skipped(why)
                };
            }
        }
        if uses_pg && self.pg.is_none() {
            return self.lacking("PostgreSQL");
        }
        if uses_redis && self.redis.is_none() {
            return self.lacking("Redis");
        }
        let script = script_path(self.scratch.path(), block, "py");
        std::fs::write(&script, &block.code).expect("write the block");
        let cwd = script.with_extension("d");
        std::fs::create_dir_all(&cwd).expect("block folder");
        let mut cmd = Command::new(&python.path);
        cmd.arg(&script)
            .current_dir(&cwd)
            .env_remove("PYTHONPATH")
            .env("PYTHONDONTWRITEBYTECODE", "1");
        // Only a block that can reach PostgreSQL pays for a database.
        let wants_db = uses_pg || block.code.contains("PGDATABASE") || block.code.contains("psql");
        let mut db = None;
        if let Some(pg) = self.pg.as_ref().filter(|_| wants_db) {
            match pg.create_database() {
                Ok(name) => {
                    cmd.env("PGHOST", pg.socket_dir())
                        .env("PGPORT", pg.port.to_string())
                        .env("PGUSER", "postgres")
                        .env("PGDATABASE", &name)
                        .env_remove("PGPASSWORD")
                        .env_remove("PGSERVICE")
                        .env_remove("PGOPTIONS");
                    db = Some(name);
                }
                Err(why) => return Outcome::Failed(why),
            }
        }
        if let Some(redis) = self.redis.as_ref() {
            if uses_redis && let Err(why) = redis.flush_all(self.scratch.path()) {
                return Outcome::Failed(why);
            }
            cmd.env("REDIS_URL", format!("redis://127.0.0.1:{}/0", redis.port));
        }
        let outcome = match run_bounded(&mut cmd, BLOCK_TIMEOUT, self.scratch.path()) {
            Ok(done) if done.status.success() => Outcome::Passed,
            Ok(done) => Outcome::Failed(format!(
                "python failed ({}):\n{}",
                done.status,
                tail(&done.stderr, 30)
            )),
            Err(why) => Outcome::Failed(why),
        };
        if let (Some(pg), Some(db)) = (self.pg.as_ref(), db) {
            pg.done_with(db);
        }
        outcome
    }

    fn redis(&self, block: &Block) -> Outcome {
        let Some(redis) = self.redis.as_ref() else {
            return self.lacking("Redis");
        };
        if let Err(why) = redis.flush_all(self.scratch.path()) {
            return Outcome::Failed(why);
        }
        for (i, line) in block.code.lines().enumerate() {
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let deck_line = block.line + 1 + i;
            let words = match shell_words(trimmed) {
                Ok(words) => words,
                Err(why) => return Outcome::Failed(format!("deck line {deck_line}: {why}")),
            };
            if let Err(why) = redis.command(&words, self.scratch.path()) {
                return Outcome::Failed(format!("deck line {deck_line}: {trimmed}\n{why}"));
            }
        }
        Outcome::Passed
    }
}

/// The N of a `postgresql-N` option, the server version a block needs.
fn needs_postgres(options: &[String]) -> Option<u32> {
    options
        .iter()
        .filter_map(|o| o.strip_prefix("postgresql-"))
        .find_map(|n| n.parse().ok())
}

/// A new script file named after the block, so error output points at it.
fn script_path(dir: &Path, block: &Block, ext: &str) -> PathBuf {
    static SCRIPTS: AtomicUsize = AtomicUsize::new(0);
    let n = SCRIPTS.fetch_add(1, Ordering::Relaxed);
    let card = block.card.replace('/', "-");
    dir.join(format!("{card}-line{}-{n}.{ext}", block.line))
}

/// psql's `psql:FILE:N: ERROR: ...` lines with the file replaced by the
/// line of the deck file.
fn psql_errors(stderr: &str, script: &Path, fence_line: usize) -> String {
    let prefix = format!("psql:{}:", script.display());
    let mut out = String::new();
    for line in tail(stderr, 30).lines() {
        let mapped = line.strip_prefix(&prefix).and_then(|rest| {
            let (n, msg) = rest.split_once(':')?;
            let n: usize = n.parse().ok()?;
            Some(format!(
                "deck line {} (block line {n}):{msg}",
                fence_line + n
            ))
        });
        let _ = writeln!(out, "{}", mapped.as_deref().unwrap_or(line));
    }
    out
}

/// The last `n` lines of some output, or a note that there was none.
fn tail(text: &str, n: usize) -> String {
    let lines: Vec<&str> = text.trim_end().lines().collect();
    if lines.is_empty() {
        return "(no output)".to_string();
    }
    let skip = lines.len().saturating_sub(n);
    let mut out = String::new();
    if skip > 0 {
        let _ = writeln!(out, "... {skip} earlier lines");
    }
    out.push_str(&lines[skip..].join("\n"));
    out
}

fn indent(text: &str) -> String {
    text.lines()
        .map(|l| format!("    {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Splits a line into words the way a POSIX shell does: white space
/// separates words, `'...'` is literal, `"..."` allows `\"`, `\\`, `\$` and
/// `` \` ``, and a backslash outside quotes escapes the next character.
fn shell_words(line: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word: Option<String> = None;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            c if c.is_whitespace() => words.extend(word.take()),
            '\'' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => w.push(c),
                        None => return Err("unterminated ' quote".to_string()),
                    }
                }
            }
            '"' => {
                let w = word.get_or_insert_with(String::new);
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\' | '$' | '`')) => w.push(c),
                            Some(c) => {
                                w.push('\\');
                                w.push(c);
                            }
                            None => return Err("unterminated \" quote".to_string()),
                        },
                        Some(c) => w.push(c),
                        None => return Err("unterminated \" quote".to_string()),
                    }
                }
            }
            '\\' => match chars.next() {
                Some(c) => word.get_or_insert_with(String::new).push(c),
                None => return Err("a line may not end with a backslash".to_string()),
            },
            c => word.get_or_insert_with(String::new).push(c),
        }
    }
    words.extend(word);
    Ok(words)
}

/// How a bounded command ended.
struct Finished {
    status: ExitStatus,
    stdout: String,
    stderr: String,
}

/// Runs a command with no input and its output in files (so no pipe can
/// fill up), killing it after `limit`.
fn run_bounded(cmd: &mut Command, limit: Duration, scratch: &Path) -> Result<Finished, String> {
    static RUNS: AtomicUsize = AtomicUsize::new(0);
    let n = RUNS.fetch_add(1, Ordering::Relaxed);
    let out_path = scratch.join(format!("run{n}.out"));
    let err_path = scratch.join(format!("run{n}.err"));
    let program = cmd.get_program().to_string_lossy().into_owned();
    cmd.stdin(Stdio::null())
        .stdout(File::create(&out_path).expect("output file"))
        .stderr(File::create(&err_path).expect("output file"));
    let mut child = cmd
        .spawn()
        .map_err(|err| format!("cannot start {program}: {err}"))?;
    let status = wait_bounded(&mut child, limit);
    let read =
        |p: &Path| String::from_utf8_lossy(&std::fs::read(p).unwrap_or_default()).into_owned();
    let (stdout, stderr) = (read(&out_path), read(&err_path));
    let _ = std::fs::remove_file(&out_path);
    let _ = std::fs::remove_file(&err_path);
    match status {
        Some(status) => Ok(Finished {
            status,
            stdout,
            stderr,
        }),
        None => Err(format!(
            "{program} did not finish within {} s and was killed; its output:\n{}\n{}",
            limit.as_secs(),
            tail(&stdout, 10),
            tail(&stderr, 20)
        )),
    }
}

/// Waits for a child up to `limit`; kills and reaps it when time is up.
fn wait_bounded(child: &mut Child, limit: Duration) -> Option<ExitStatus> {
    let deadline = Instant::now() + limit;
    let mut pause = Duration::from_millis(1);
    loop {
        match child.try_wait() {
            Ok(Some(status)) => return Some(status),
            Ok(None) if Instant::now() < deadline => {
                std::thread::sleep(pause);
                pause = (pause * 2).min(Duration::from_millis(20));
            }
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    }
}

/// A free loopback port: bind port 0 and let it go.
fn free_port() -> Result<u16, String> {
    std::net::TcpListener::bind(("127.0.0.1", 0))
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|err| format!("no free loopback port: {err}"))
}

/// Signals a process by id through the shell (no `kill` binary needed).
fn signal(pid: u32, sig: &str) {
    let _ = Command::new("sh")
        .arg("-c")
        .arg(format!("kill -{sig} {pid} 2>/dev/null"))
        .stdin(Stdio::null())
        .status();
}

/// A shell loop that sends `sig` to the server if this test process dies
/// without stopping it (killed by a timeout, say), so no server outlives it.
fn watchdog(server: u32, sig: &str) -> Option<Child> {
    let script = format!(
        "while kill -0 {me} 2>/dev/null && kill -0 {server} 2>/dev/null; do sleep 1; done; kill -{sig} {server} 2>/dev/null",
        me = std::process::id()
    );
    Command::new("sh")
        .arg("-c")
        .arg(script)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()
}

/// Stops a server: the signal, a bounded wait, then SIGKILL.
fn stop(child: &mut Child, sig: &str, watchdog: Option<&mut Child>) {
    if let Ok(None) = child.try_wait() {
        signal(child.id(), sig);
        wait_bounded(child, SERVER_TIMEOUT);
    }
    if let Some(dog) = watchdog {
        let _ = dog.kill();
        let _ = dog.wait();
    }
}

/// The user and group to run PostgreSQL as when the tests run as root:
/// `nobody` from /etc/passwd (65534 if it is not listed).
fn unprivileged() -> (u32, u32) {
    let passwd = std::fs::read_to_string("/etc/passwd").unwrap_or_default();
    passwd
        .lines()
        .map(|l| l.split(':').collect::<Vec<_>>())
        .find(|f| f.len() > 3 && f[0] == "nobody")
        .and_then(|f| Some((f[2].parse().ok()?, f[3].parse().ok()?)))
        .unwrap_or((65534, 65534))
}

/// True when every folder from the root down to `dir` lets others through.
fn searchable_by_all(dir: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    dir.ancestors().all(|d| {
        d.metadata()
            .is_ok_and(|m| m.permissions().mode() & 0o001 != 0)
    })
}

/// A throwaway PostgreSQL cluster listening only on a unix socket.
struct Postgres {
    child: Child,
    watchdog: Option<Child>,
    bindir: PathBuf,
    port: u16,
    major: u32,
    /// How many databases were made, for the next name.
    databases: AtomicUsize,
    /// Databases of finished blocks, dropped when the next one is made.
    leftovers: Mutex<Vec<String>>,
    /// Output of admin commands (the runner's scratch folder).
    scratch: PathBuf,
    /// Holds the cluster and the socket; removed after the server stops.
    dir: tempfile::TempDir,
}

impl Postgres {
    fn start(scratch: &tempfile::TempDir) -> Result<Postgres, String> {
        let (bindir, major) = postgres_bindir()?;
        // Files the tests make belong to their user: root or not.
        let root = scratch.path().metadata().map_err(|e| e.to_string())?.uid() == 0;
        let user = root.then(unprivileged);
        // As root, the cluster's folder must be reachable by `nobody`.
        let parent = std::env::temp_dir();
        let parent = if root && !searchable_by_all(&parent) {
            PathBuf::from("/tmp")
        } else {
            parent
        };
        let dir = tempfile::Builder::new()
            .prefix("prepdeck-pg-")
            .tempdir_in(&parent)
            .map_err(|err| format!("temp dir in {}: {err}", parent.display()))?;
        if let Some((uid, gid)) = user {
            std::os::unix::fs::chown(dir.path(), Some(uid), Some(gid))
                .map_err(|err| format!("chown {}: {err}", dir.path().display()))?;
        }
        let as_server = |program: &str| {
            let mut cmd = Command::new(bindir.join(program));
            if let Some((uid, gid)) = user {
                use std::os::unix::process::CommandExt;
                cmd.uid(uid).gid(gid);
            }
            cmd
        };
        let data = dir.path().join("data");
        let mut initdb = as_server("initdb");
        initdb.arg("-D").arg(&data).args([
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C",
            "-N",
        ]);
        match run_bounded(&mut initdb, SERVER_TIMEOUT, scratch.path()) {
            Ok(done) if done.status.success() => {}
            Ok(done) => {
                return Err(format!(
                    "initdb {}{}:\n{}",
                    done.status,
                    if root { " (run as nobody)" } else { "" },
                    tail(&done.stderr, 20)
                ));
            }
            Err(why) => return Err(why),
        }
        let port = free_port()?;
        let log = File::create(scratch.path().join("postgres.log")).map_err(|e| e.to_string())?;
        let child = as_server("postgres")
            .arg("-D")
            .arg(&data)
            .arg("-p")
            .arg(port.to_string())
            .arg("-k")
            .arg(dir.path())
            .args([
                "-c",
                "listen_addresses=",
                "-c",
                "fsync=off",
                "-c",
                "synchronous_commit=off",
                "-c",
                "full_page_writes=off",
            ])
            .stdin(Stdio::null())
            .stdout(log.try_clone().map_err(|e| e.to_string())?)
            .stderr(log)
            .spawn()
            .map_err(|err| format!("cannot start postgres: {err}"))?;
        let watchdog = watchdog(child.id(), "INT");
        let mut pg = Postgres {
            child,
            watchdog,
            bindir,
            port,
            major,
            databases: AtomicUsize::new(0),
            leftovers: Mutex::new(Vec::new()),
            scratch: scratch.path().to_path_buf(),
            dir,
        };
        pg.wait_ready(scratch.path())?;
        Ok(pg)
    }

    fn socket_dir(&self) -> &Path {
        self.dir.path()
    }

    /// Polls with `SELECT 1` until the server answers, it exits, or time is up.
    fn wait_ready(&mut self, scratch: &Path) -> Result<(), String> {
        let deadline = Instant::now() + SERVER_TIMEOUT;
        let log = || {
            let text = std::fs::read_to_string(scratch.join("postgres.log")).unwrap_or_default();
            tail(&text, 20)
        };
        loop {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!("postgres exited at start ({status}):\n{}", log()));
            }
            let mut ping = self.psql("postgres");
            ping.args(["-c", "SELECT 1"]);
            if run_bounded(&mut ping, Duration::from_secs(5), scratch)
                .is_ok_and(|done| done.status.success())
            {
                return Ok(());
            }
            if Instant::now() > deadline {
                return Err(format!(
                    "postgres did not accept connections within {} s:\n{}",
                    SERVER_TIMEOUT.as_secs(),
                    log()
                ));
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// psql on database `db`, as the `postgres` role over the socket.
    fn psql(&self, db: &str) -> Command {
        let psql = self.bindir.join("psql");
        let mut cmd = Command::new(if psql.exists() { psql } else { "psql".into() });
        cmd.arg("-X")
            .arg("-q")
            .arg("-h")
            .arg(self.socket_dir())
            .arg("-p")
            .arg(self.port.to_string())
            .args(["-U", "postgres", "-d", db])
            .env_remove("PGOPTIONS")
            .env_remove("PGSERVICE")
            .env_remove("PGPASSWORD");
        cmd
    }

    /// The name of a new database and the statements that make it: drop
    /// the databases of earlier blocks (ending any session they left), then
    /// create it empty from `template0`.
    fn next_database(&self) -> (String, Vec<String>) {
        let name = format!("example{}", self.databases.fetch_add(1, Ordering::Relaxed));
        let old = std::mem::take(&mut *self.leftovers.lock().expect("leftovers"));
        let mut statements: Vec<String> = old
            .iter()
            .map(|old| format!("DROP DATABASE IF EXISTS {old} WITH (FORCE)"))
            .collect();
        statements.push(format!("CREATE DATABASE {name} TEMPLATE template0"));
        (name, statements)
    }

    /// A block is done with its database: the next one made drops it.
    fn done_with(&self, db: String) {
        self.leftovers.lock().expect("leftovers").push(db);
    }

    /// A new empty database, made now.
    fn create_database(&self) -> Result<String, String> {
        let (name, statements) = self.next_database();
        let mut cmd = self.psql("postgres");
        cmd.args(["-v", "ON_ERROR_STOP=1"]);
        for statement in statements {
            cmd.arg("-c").arg(statement);
        }
        match run_bounded(&mut cmd, BLOCK_TIMEOUT, &self.scratch) {
            Ok(done) if done.status.success() => Ok(name),
            Ok(done) => Err(format!(
                "CREATE DATABASE failed:\n{}",
                tail(&done.stderr, 10)
            )),
            Err(why) => Err(why),
        }
    }
}

impl Drop for Postgres {
    fn drop(&mut self) {
        // SIGINT is PostgreSQL's fast shutdown: sessions are ended at once.
        stop(&mut self.child, "INT", self.watchdog.as_mut());
    }
}

/// The folder of the newest PostgreSQL server binaries (`initdb`,
/// `postgres`) among `pg_config --bindir`, `/usr/lib/postgresql/*/bin` and
/// the `PATH`, with the server's major version.
fn postgres_bindir() -> Result<(PathBuf, u32), String> {
    let mut candidates: Vec<PathBuf> = Vec::new();
    if let Ok(out) = Command::new("pg_config").arg("--bindir").output()
        && out.status.success()
    {
        candidates.push(PathBuf::from(String::from_utf8_lossy(&out.stdout).trim()));
    }
    if let Ok(entries) = std::fs::read_dir("/usr/lib/postgresql") {
        candidates.extend(entries.flatten().map(|e| e.path().join("bin")));
    }
    if let Some(path) = std::env::var_os("PATH") {
        candidates.extend(std::env::split_paths(&path));
    }
    let best = candidates
        .into_iter()
        .filter(|dir| dir.join("initdb").is_file() && dir.join("postgres").is_file())
        .filter_map(|dir| Some((server_major(&dir)?, dir)))
        // The newest; among equals the first found.
        .rev()
        .max_by_key(|(major, _)| *major);
    match best {
        Some((major, dir)) => Ok((dir, major)),
        None => Err(
            "no PostgreSQL server binaries (initdb, postgres) in pg_config --bindir, /usr/lib/postgresql/*/bin or PATH; install the postgresql package"
                .to_string(),
        ),
    }
}

/// The major version `postgres --version` reports (`postgres (PostgreSQL) 15.18` → 15).
fn server_major(bindir: &Path) -> Option<u32> {
    let out = Command::new(bindir.join("postgres"))
        .arg("--version")
        .output()
        .ok()?;
    parse_major(&String::from_utf8_lossy(&out.stdout))
}

fn parse_major(version: &str) -> Option<u32> {
    let number = version
        .split_whitespace()
        .find(|w| w.starts_with(|c: char| c.is_ascii_digit()))?;
    let digits: String = number.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

/// A throwaway Redis on a loopback port, with no persistence.
struct Redis {
    child: Child,
    watchdog: Option<Child>,
    port: u16,
    _dir: tempfile::TempDir,
}

impl Redis {
    fn start() -> Result<Redis, String> {
        which("redis-server").ok_or("redis-server is not installed (package redis-server)")?;
        which("redis-cli").ok_or("redis-cli is not installed (package redis-tools)")?;
        let dir = tempfile::Builder::new()
            .prefix("prepdeck-redis-")
            .tempdir()
            .map_err(|err| format!("temp dir: {err}"))?;
        let mut last = String::new();
        // A port found free may be taken before the server binds it: retry.
        for _ in 0..3 {
            let port = free_port()?;
            let log = dir.path().join("redis.log");
            let out = File::create(&log).map_err(|e| e.to_string())?;
            let mut child = Command::new("redis-server")
                .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
                .args(["--save", "", "--appendonly", "no", "--daemonize", "no"])
                .arg("--dir")
                .arg(dir.path())
                .stdin(Stdio::null())
                .stdout(out.try_clone().map_err(|e| e.to_string())?)
                .stderr(out)
                .spawn()
                .map_err(|err| format!("cannot start redis-server: {err}"))?;
            let deadline = Instant::now() + SERVER_TIMEOUT;
            loop {
                if let Ok(Some(status)) = child.try_wait() {
                    let text = std::fs::read_to_string(&log).unwrap_or_default();
                    last = format!(
                        "redis-server exited at start ({status}):\n{}",
                        tail(&text, 10)
                    );
                    break;
                }
                let ping = Command::new("redis-cli")
                    .args(["-h", "127.0.0.1", "-p", &port.to_string(), "PING"])
                    .stdin(Stdio::null())
                    .output();
                if ping.is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "PONG") {
                    let watchdog = watchdog(child.id(), "TERM");
                    return Ok(Redis {
                        child,
                        watchdog,
                        port,
                        _dir: dir,
                    });
                }
                if Instant::now() > deadline {
                    stop(&mut child, "KILL", None);
                    return Err(format!(
                        "redis-server did not answer PING within {} s",
                        SERVER_TIMEOUT.as_secs()
                    ));
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        Err(last)
    }

    /// One command through `redis-cli`; an error reply is an `Err`.
    fn command(&self, words: &[String], scratch: &Path) -> Result<String, String> {
        let mut cmd = Command::new("redis-cli");
        cmd.args(["-h", "127.0.0.1", "-p", &self.port.to_string(), "--no-raw"])
            .args(words);
        let done = run_bounded(&mut cmd, COMMAND_TIMEOUT, scratch)?;
        let error_reply = done
            .stdout
            .lines()
            .any(|l| l.trim_start().starts_with("(error)"));
        if done.status.success() && !error_reply {
            Ok(done.stdout)
        } else {
            Err(format!(
                "redis-cli failed ({}):\n{}\n{}",
                done.status,
                tail(&done.stdout, 10),
                tail(&done.stderr, 10)
            ))
        }
    }

    fn flush_all(&self, scratch: &Path) -> Result<(), String> {
        self.command(&["FLUSHALL".to_string()], scratch)
            .map(drop)
            .map_err(|why| format!("FLUSHALL before the block failed: {why}"))
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        stop(&mut self.child, "TERM", self.watchdog.as_mut());
    }
}

/// The interpreter for Python blocks and the modules it has.
struct Python {
    path: PathBuf,
    psycopg: bool,
    redis: bool,
}

impl Python {
    fn find() -> Result<Python, String> {
        let path = match std::env::var_os("PREPDECK_EXAMPLES_PYTHON").filter(|p| !p.is_empty()) {
            Some(p) => PathBuf::from(p),
            None => which("python3").ok_or("python3 is not installed")?,
        };
        // The interpreter itself, not a launcher script in front of it.
        let real = Command::new(&path)
            .args(["-c", "import sys; print(sys.executable)"])
            .stdin(Stdio::null())
            .output()
            .map_err(|err| format!("cannot run {}: {err}", path.display()))?;
        if !real.status.success() {
            return Err(format!("{} does not run", path.display()));
        }
        let real = String::from_utf8_lossy(&real.stdout).trim().to_string();
        let path = if real.is_empty() {
            path
        } else {
            PathBuf::from(real)
        };
        let has = |module: &str| {
            Command::new(&path)
                .args(["-c", &format!("import {module}")])
                .stdin(Stdio::null())
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success())
        };
        let (psycopg, redis) = (has("psycopg"), has("redis"));
        Ok(Python {
            path,
            psycopg,
            redis,
        })
    }
}

/// The first executable of this name on the PATH.
fn which(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(program))
        .find(|p| p.is_file())
}

#[test]
fn shell_words_split_like_a_shell() {
    let split = |s: &str| shell_words(s).unwrap();
    assert_eq!(split("SET  key value"), ["SET", "key", "value"]);
    assert_eq!(
        split(r#"SET greeting "hello world" EX 60"#),
        ["SET", "greeting", "hello world", "EX", "60"]
    );
    assert_eq!(split("HSET h f 'it''s'"), ["HSET", "h", "f", "its"]);
    assert_eq!(split(r#"SET k "a \"q\" \n""#), ["SET", "k", r#"a "q" \n"#]);
    assert_eq!(split(r"SET k a\ b"), ["SET", "k", "a b"]);
    assert_eq!(split("SET k ''"), ["SET", "k", ""]);
    assert!(shell_words("SET k 'open").is_err());
    assert!(shell_words("SET k \"open").is_err());
}

#[test]
fn python_imports_are_recognized() {
    assert!(imports("import redis\n", "redis"));
    assert!(imports("import os, redis as r\n", "redis"));
    assert!(imports(
        "    from redis.exceptions import WatchError\n",
        "redis"
    ));
    assert!(imports("import psycopg.errors\n", "psycopg"));
    assert!(!imports("import redislite\n", "redis"));
    assert!(!imports(
        "# redis is not used\nx = 'import redis'\n",
        "redis"
    ));
}

#[test]
fn postgres_versions_are_read_from_the_info_string_and_the_server() {
    let opts = |s: &str| crate::deck_source::split_info(s).1;
    assert_eq!(needs_postgres(&opts("sql postgresql-18")), Some(18));
    assert_eq!(needs_postgres(&opts("sql")), None);
    assert_eq!(needs_postgres(&opts("sql title=x postgresql-16")), Some(16));
    assert_eq!(
        parse_major("postgres (PostgreSQL) 15.18 (Debian 15.18-0+deb12u1)"),
        Some(15)
    );
    assert_eq!(parse_major("postgres (PostgreSQL) 18beta1"), Some(18));
}

#[test]
fn psql_error_lines_point_into_the_deck_file() {
    let script = Path::new("/tmp/x/card-line10.sql");
    let stderr = "psql:/tmp/x/card-line10.sql:3: ERROR:  relation \"t\" does not exist\nLINE 1: SELECT * FROM t;\n";
    assert_eq!(
        psql_errors(stderr, script, 10),
        "deck line 13 (block line 3): ERROR:  relation \"t\" does not exist\nLINE 1: SELECT * FROM t;\n"
    );
}
