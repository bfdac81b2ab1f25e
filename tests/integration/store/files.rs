//! The files the store writes, as the file system sees them: through
//! symbolic links to their targets, with their permission bits, and on a
//! file system with no room left.

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::Path;

use prepdeck::commands::chain;
use prepdeck::store::{LOCK_FILE, PROGRESS_FILE, Store, StoreError};

use super::{listing, sample_progress};
use crate::common::{SmallFs, temp_dir};

fn mode(path: &Path) -> u32 {
    fs::metadata(path).unwrap().permissions().mode() & 0o7777
}

fn is_link(path: &Path) -> bool {
    fs::symlink_metadata(path).unwrap().file_type().is_symlink()
}

#[test]
fn a_symlinked_progress_file_is_written_through_to_its_target_keeping_its_mode() {
    let data = temp_dir();
    let elsewhere = temp_dir();
    let target = elsewhere.path().join("prepdeck-progress.json");
    // The target starts as the saved form of empty progress, mode 0640.
    Store::at(elsewhere.path())
        .save(&Default::default())
        .unwrap();
    fs::rename(elsewhere.path().join(PROGRESS_FILE), &target).unwrap();
    fs::remove_file(elsewhere.path().join(LOCK_FILE)).unwrap();
    fs::set_permissions(&target, fs::Permissions::from_mode(0o640)).unwrap();
    let link = data.path().join(PROGRESS_FILE);
    symlink(&target, &link).unwrap();

    let store = Store::at(data.path());
    store.check_writable().unwrap();
    store.save(&sample_progress()).unwrap();
    assert!(is_link(&link), "the link was replaced by a file");
    assert_eq!(fs::read_link(&link).unwrap(), target);
    assert_eq!(mode(&target), 0o640, "the target's mode is kept");
    assert_eq!(store.load().unwrap(), sample_progress());
    let on_disk = fs::read_to_string(&target).unwrap();
    assert!(on_disk.contains("\"cards\""), "{on_disk}");
    assert_eq!(
        listing(elsewhere.path()),
        ["prepdeck-progress.json".to_string()].into(),
        "no temporary file left next to the target"
    );
    assert_eq!(
        listing(data.path()),
        [LOCK_FILE.to_string(), PROGRESS_FILE.to_string()].into()
    );
}

#[test]
fn a_relative_chain_of_links_is_followed_to_the_end() {
    let root = temp_dir();
    let data = root.path().join("data");
    let sync = root.path().join("sync");
    fs::create_dir_all(&data).unwrap();
    fs::create_dir_all(&sync).unwrap();
    // data/progress.json -> ../sync/middle.json -> real.json (relative to sync)
    symlink("../sync/middle.json", data.join(PROGRESS_FILE)).unwrap();
    symlink("real.json", sync.join("middle.json")).unwrap();
    let store = Store::at(&data);
    store.save(&sample_progress()).unwrap();
    assert!(is_link(&data.join(PROGRESS_FILE)));
    assert!(is_link(&sync.join("middle.json")));
    assert!(!is_link(&sync.join("real.json")));
    assert_eq!(mode(&sync.join("real.json")), 0o600, "a new target is 0600");
    assert_eq!(store.load().unwrap(), sample_progress());
}

#[test]
fn a_link_into_a_missing_folder_is_refused_and_creates_nothing() {
    let data = temp_dir();
    let gone = data.path().join("unmounted").join("progress.json");
    let link = data.path().join(PROGRESS_FILE);
    symlink(&gone, &link).unwrap();
    let store = Store::at(data.path());
    // Loading reads no file: fresh progress.
    assert_eq!(store.load().unwrap(), Default::default());
    for err in [
        store.check_writable().unwrap_err(),
        store.save(&sample_progress()).unwrap_err(),
    ] {
        assert!(matches!(err, StoreError::DanglingLink { .. }), "{err:?}");
        assert_eq!(
            chain(&err),
            format!(
                "{} is a symbolic link to {}, whose folder does not exist; \
                 create the folder or remove the link",
                link.display(),
                gone.display()
            )
        );
    }
    assert!(is_link(&link));
    assert!(!data.path().join("unmounted").exists());
}

#[test]
fn a_link_loop_is_an_error_not_a_hang() {
    let data = temp_dir();
    symlink("progress.json", data.path().join(PROGRESS_FILE)).unwrap();
    let err = Store::at(data.path()).save(&sample_progress()).unwrap_err();
    // Reading meets the loop first; either way the message says what it is.
    let message = chain(&err);
    assert!(message.contains("symbolic links"), "{message}");
}

#[test]
fn a_broken_target_moves_aside_in_its_own_folder_and_the_link_stays() {
    let data = temp_dir();
    let elsewhere = temp_dir();
    let target = elsewhere.path().join("progress.json");
    fs::write(&target, b"{ not json").unwrap();
    let link = data.path().join(PROGRESS_FILE);
    symlink(&target, &link).unwrap();
    let store = Store::at(data.path());
    let now = "2025-03-04T05:06:07Z".parse().unwrap();
    let moved = store.move_broken_aside(now).unwrap().unwrap();
    assert_eq!(
        moved,
        elsewhere
            .path()
            .join("progress.json.broken-20250304T050607Z")
    );
    assert_eq!(fs::read(&moved).unwrap(), b"{ not json");
    assert!(is_link(&link));
    store.save(&sample_progress()).unwrap();
    assert!(is_link(&link));
    assert_eq!(store.load().unwrap(), sample_progress());
}

#[test]
fn a_symlinked_lock_file_locks_its_target() {
    let data = temp_dir();
    let elsewhere = temp_dir();
    let target = elsewhere.path().join("lock");
    let link = data.path().join(LOCK_FILE);
    symlink(&target, &link).unwrap();
    Store::at(data.path()).save(&sample_progress()).unwrap();
    assert!(is_link(&link));
    assert!(target.is_file());
    assert_eq!(mode(&target), 0o600);
}

/// What the child saves under umask 0, in a fresh data directory.
pub(super) fn save_fresh(dir: &Path) {
    let store = Store::at(dir);
    store.check_writable().unwrap();
    store.save(&sample_progress()).unwrap();
}

#[test]
fn new_files_are_0600_whatever_the_umask() {
    let data = temp_dir();
    let dir = data.path().join("fresh");
    super::processes::run_under_umask_0("save-fresh", &dir);
    assert_eq!(mode(&dir.join(PROGRESS_FILE)), 0o600);
    assert_eq!(mode(&dir.join(LOCK_FILE)), 0o600);
    assert_eq!(
        listing(&dir),
        [LOCK_FILE.to_string(), PROGRESS_FILE.to_string()].into()
    );
}

#[test]
fn an_existing_file_keeps_its_mode_across_saves() {
    let data = temp_dir();
    let store = Store::at(data.path());
    store.save(&sample_progress()).unwrap();
    let path = store.progress_path();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    store.save(&Default::default()).unwrap();
    assert_eq!(mode(&path), 0o644);
}

#[test]
fn a_full_file_system_fails_the_start_check_naming_the_folder_and_the_cause() {
    let Some(fs) = SmallFs::mount("64k") else {
        return;
    };
    let store = Store::at(fs.path());
    store.save(&sample_progress()).unwrap();
    store.check_writable().unwrap();
    fs.fill();
    let err = store.check_writable().unwrap_err();
    assert!(matches!(err, StoreError::Unwritable { .. }), "{err:?}");
    let message = chain(&err);
    let folder = format!("data directory {} is not writable: ", fs.path().display());
    assert!(message.starts_with(&folder), "{message}");
    assert!(message.contains("No space left on device"), "{message}");
    assert!(store.save(&sample_progress()).is_err());
    // The check leaves nothing behind, and the old file is intact.
    assert_eq!(
        listing(fs.path()),
        [
            "filler".to_string(),
            LOCK_FILE.to_string(),
            PROGRESS_FILE.to_string()
        ]
        .into()
    );
    assert_eq!(store.load().unwrap(), sample_progress());
    fs.free();
    store.check_writable().unwrap();
}
