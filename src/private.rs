//! The data folder holds the tourists' data: only the bot's own user may read it.
//!
//! [`private_dir`] makes a folder private whatever the umask: the folder and every folder in it
//! 0700, every file in it 0600, for a new folder and for one opened again (a folder made by an
//! older escale was 0755 with files 0644). [`private_umask`] makes what the process creates later
//! private too: sled writes new snapshot and blob files as it runs. The folder's mode alone
//! already keeps other users out of everything in it; the files' modes keep them out when
//! someone copies or widens the folder.
//!
//! Only a folder that is new, empty or escale's own is touched: `--data ~` or `--data /` given by
//! mistake must not change the modes of a home folder or of the system.

use std::fs::{DirBuilder, Permissions};
use std::io;
use std::os::unix::fs::{DirBuilderExt as _, MetadataExt as _, PermissionsExt as _};
use std::path::Path;

/// The mode of a private folder: its owner may list, enter and change it; nobody else anything.
pub const DIR_MODE: u32 = 0o700;
/// The mode of a private file: its owner may read and write it; nobody else anything.
pub const FILE_MODE: u32 = 0o600;

/// Creates `path` (and its missing parents) as a private folder, or makes an existing one
/// private: the folder and the folders in it 0700, everything else in it 0600. Symbolic links
/// inside are left as they are and not followed (their own mode means nothing on Linux, and
/// what they point to is not the data folder's); `path` itself may be one.
///
/// An existing folder that holds files but no store ([`holds_store`]) is refused unchanged:
/// it is someone's folder given by mistake.
pub fn private_dir(path: &Path) -> io::Result<()> {
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_dir() => {
            return Err(io::Error::new(
                io::ErrorKind::NotADirectory,
                format!("{} is a file, not a folder", path.display()),
            ));
        }
        Ok(_) => {
            if !holds_store(path)
                && let Some(entry) = std::fs::read_dir(path)?.next()
            {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!(
                        "{} is not an escale data folder: it holds other files (such as {}) and \
                         no database; choose a new or empty folder",
                        path.display(),
                        entry?.file_name().to_string_lossy()
                    ),
                ));
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            // The mode is also filtered by the umask here: it is set again below.
            DirBuilder::new()
                .recursive(true)
                .mode(DIR_MODE)
                .create(path)?;
        }
        Err(e) => return Err(e),
    }
    // The top first: from here on, nobody else can enter, whatever is found inside.
    std::fs::set_permissions(path, Permissions::from_mode(DIR_MODE))?;
    let mut folders = vec![path.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in std::fs::read_dir(&folder)? {
            let entry = entry?;
            let kind = entry.file_type()?;
            if kind.is_symlink() {
                continue;
            }
            let path = entry.path();
            if kind.is_dir() {
                std::fs::set_permissions(&path, Permissions::from_mode(DIR_MODE))?;
                folders.push(path);
            } else {
                std::fs::set_permissions(&path, Permissions::from_mode(FILE_MODE))?;
            }
        }
    }
    Ok(())
}

/// Whether `path` holds a store: sled's `db` and `conf` files, written at its first open.
pub fn holds_store(path: &Path) -> bool {
    STORE_FILES.iter().all(|name| path.join(name).is_file())
}

/// The files sled writes in the folder of a store at its first open.
const STORE_FILES: [&str; 2] = ["db", "conf"];

/// Sets the process's umask to 0o077, so that every file and folder it creates from now on is
/// private to its user, whatever umask it was started with. For `escale run`, whose store
/// creates files as it goes; not for commands whose output the office means to share.
pub fn private_umask() {
    rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o077));
}

/// The user this process acts as (its effective uid): the only one the bot answers.
pub fn own_uid() -> u32 {
    rustix::process::geteuid().as_raw()
}

/// Checks that `path` is a folder that only this process's user can enter: owned by that user,
/// no access for group or others. A folder another user owns, or one opened to others, is
/// refused with an error that says which and how to fix it.
pub fn check_private_dir(path: &Path) -> io::Result<()> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::NotADirectory,
            format!("{} is not a folder", path.display()),
        ));
    }
    let me = own_uid();
    if meta.uid() != me {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!(
                "{} belongs to uid {}, not to this user (uid {me})",
                path.display(),
                meta.uid()
            ),
        ));
    }
    let mode = meta.mode() & 0o777;
    if mode & 0o077 != 0 {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            format!(
                "{} is open to other users (mode {mode:o}): chmod 700 it",
                path.display()
            ),
        ));
    }
    Ok(())
}

/// Whether tests that give files to another user (or run as one) can run: as root. Elsewhere
/// they are skipped with a note, except in CI (`CI` set), which runs as root and must run them.
pub fn can_act_as_others() -> bool {
    if own_uid() == 0 {
        return true;
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "CI runs as root: the tests that act as another user must run"
    );
    eprintln!("skipped: acting as another user needs root");
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mode(path: &Path) -> u32 {
        std::fs::symlink_metadata(path)
            .unwrap()
            .permissions()
            .mode()
            & 0o7777
    }

    fn chmod(path: &Path, mode: u32) {
        std::fs::set_permissions(path, Permissions::from_mode(mode)).unwrap();
    }

    #[test]
    fn a_new_folder_is_private_with_its_parents() {
        let temp = tempfile::tempdir().unwrap();
        let data = temp.path().join("office/data");
        private_dir(&data).unwrap();
        assert_eq!(mode(&data), DIR_MODE);
        assert_eq!(mode(&temp.path().join("office")), DIR_MODE);
        check_private_dir(&data).unwrap();
        // Again, on the folder it made: nothing changes, nothing fails.
        private_dir(&data).unwrap();
        assert_eq!(mode(&data), DIR_MODE);
    }

    /// A folder made by an older escale (or under umask 0): 0777 folders, 0666 and 0755 files,
    /// a nested folder as sled's `blobs/`. Everything ends 0700 / 0600.
    #[test]
    fn an_open_folder_is_made_private_to_the_bottom() {
        let temp = tempfile::tempdir().unwrap();
        let data = temp.path().join("data");
        let blobs = data.join("blobs");
        std::fs::create_dir_all(&blobs).unwrap();
        let files = [data.join("conf"), data.join("db"), blobs.join("17")];
        for file in &files {
            std::fs::write(file, b"tourists").unwrap();
            chmod(file, 0o666);
        }
        chmod(&data.join("db"), 0o755);
        chmod(&blobs, 0o777);
        chmod(&data, 0o777);
        let outside = temp.path().join("outside.txt");
        std::fs::write(&outside, b"not the data folder's").unwrap();
        chmod(&outside, 0o644);
        std::os::unix::fs::symlink(&outside, data.join("link")).unwrap();

        assert!(holds_store(&data));
        private_dir(&data).unwrap();

        assert_eq!(mode(&data), DIR_MODE);
        assert_eq!(mode(&blobs), DIR_MODE);
        for file in &files {
            assert_eq!(mode(file), FILE_MODE, "{}", file.display());
        }
        assert_eq!(mode(&outside), 0o644, "a link inside is not followed");
        check_private_dir(&data).unwrap();
    }

    /// `--data ~` by mistake: a folder with files but no store keeps its modes, all of them.
    #[test]
    fn a_folder_that_is_not_a_store_is_left_alone() {
        let temp = tempfile::tempdir().unwrap();
        let home = temp.path().join("home");
        std::fs::create_dir(&home).unwrap();
        chmod(&home, 0o755);
        let script = home.join("backup.sh");
        std::fs::write(&script, b"#!/bin/sh\n").unwrap();
        chmod(&script, 0o755);
        std::fs::write(home.join("db"), b"someone's db, but no conf").unwrap();
        let error = private_dir(&home).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::InvalidInput);
        assert!(
            error.to_string().contains("is not an escale data folder"),
            "{error}"
        );
        assert_eq!(mode(&home), 0o755);
        assert_eq!(mode(&script), 0o755);
        assert!(!holds_store(&home));
        // An empty folder is fine: the store starts there.
        let empty = temp.path().join("empty");
        std::fs::create_dir(&empty).unwrap();
        chmod(&empty, 0o755);
        private_dir(&empty).unwrap();
        assert_eq!(mode(&empty), DIR_MODE);
    }

    #[test]
    fn a_file_in_the_way_is_named() {
        let temp = tempfile::tempdir().unwrap();
        let file = temp.path().join("data");
        std::fs::write(&file, b"").unwrap();
        let error = private_dir(&file).unwrap_err();
        assert!(
            error.to_string().contains("is a file, not a folder"),
            "{error}"
        );
    }

    #[test]
    fn a_folder_open_to_others_is_refused() {
        let temp = tempfile::tempdir().unwrap();
        for open in [0o750, 0o705, 0o701, 0o777] {
            chmod(temp.path(), open);
            let error = check_private_dir(temp.path()).unwrap_err();
            assert_eq!(error.kind(), io::ErrorKind::PermissionDenied);
            assert!(
                error.to_string().contains(&format!("mode {open:o}")),
                "{error}"
            );
        }
        chmod(temp.path(), 0o700);
        check_private_dir(temp.path()).unwrap();
    }

    /// A folder of another user is refused even when its mode is private. Making one needs
    /// root (`chown`), which the tests run as.
    #[test]
    fn a_folder_of_another_user_is_refused() {
        if !can_act_as_others() {
            return;
        }
        let temp = tempfile::tempdir().unwrap();
        let theirs = temp.path().join("theirs");
        std::fs::create_dir(&theirs).unwrap();
        chmod(&theirs, 0o700);
        std::os::unix::fs::chown(&theirs, Some(65534), Some(65534)).unwrap_or_else(|e| {
            panic!("this test gives a folder to uid 65534 and needs root for it: {e}")
        });
        let error = check_private_dir(&theirs).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::PermissionDenied);
        assert!(
            error.to_string().contains("belongs to uid 65534"),
            "{error}"
        );
    }

    /// The owner check, without a second user: a folder the test makes belongs to the test's
    /// user, which must be the user `own_uid` reports.
    #[test]
    fn the_owner_is_this_process_user() {
        let temp = tempfile::tempdir().unwrap();
        let owner = std::fs::metadata(temp.path()).unwrap().uid();
        assert_eq!(own_uid(), owner);
    }
}
