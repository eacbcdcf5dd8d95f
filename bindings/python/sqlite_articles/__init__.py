"""The sqlite-articles SQLite extension, packaged for Python: load(conn) and loadable_path()."""
import os

__all__ = ["load", "loadable_path", "__version__"]
__version__ = "0.2.0"


def loadable_path():
    """The path of the module (articles.so) inside this package, without its extension, as
    sqlite3's load_extension() and the sqlite3 shell's .load take it."""
    return os.path.join(os.path.dirname(os.path.abspath(__file__)), "articles")


def load(conn):
    """Loads the module into the sqlite3 connection `conn` and turns extension loading off
    again. Raises RuntimeError saying why when this Python's sqlite3 cannot load extensions
    (built without them, as some pyenv and macOS Pythons are)."""
    if not hasattr(conn, "enable_load_extension"):
        raise RuntimeError(
            "this Python's sqlite3 module cannot load SQLite extensions (it was built without "
            "them); use a Python whose sqlite3 can, such as Debian's /usr/bin/python3, or a "
            "binding such as apsw")
    conn.enable_load_extension(True)
    try:
        conn.load_extension(loadable_path())
    finally:
        conn.enable_load_extension(False)
