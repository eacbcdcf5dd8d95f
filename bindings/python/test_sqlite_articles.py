"""Tests of the installed Python package: run by .ci/python with the package installed in a
virtual environment, from the repository root (it reads examples/)."""
import json
import os
import sqlite3
import unittest

import sqlite_articles


class PackageTest(unittest.TestCase):
    def test_the_module_is_inside_the_package(self):
        path = sqlite_articles.loadable_path()
        self.assertTrue(os.path.isfile(path + ".so"), path)
        self.assertIn("site-packages", path)

    def test_load_then_query(self):
        conn = sqlite3.connect(":memory:")
        sqlite_articles.load(conn)
        (n,) = conn.execute("SELECT count(*) FROM articles('examples/articles')").fetchone()
        self.assertEqual(n, 13)
        (version,) = conn.execute("SELECT articles_version()").fetchone()
        self.assertTrue(version.startswith(sqlite_articles.__version__), version)
        # JSON values nest as JSON.
        (row,) = conn.execute("SELECT json_object('t', topics) FROM articles('examples/articles')"
                              " WHERE topics IS NOT NULL LIMIT 1").fetchone()
        self.assertIsInstance(json.loads(row)["t"], list)

    def test_loading_is_turned_off_again(self):
        conn = sqlite3.connect(":memory:")
        sqlite_articles.load(conn)
        with self.assertRaises(sqlite3.OperationalError):
            conn.execute("SELECT load_extension('x')")

    def test_a_python_that_cannot_load_extensions_is_told_why(self):
        class NoExtensions:  # what sqlite3 connections are in Pythons built without them
            pass
        with self.assertRaises(RuntimeError) as raised:
            sqlite_articles.load(NoExtensions())
        self.assertIn("cannot load SQLite extensions", str(raised.exception))


if __name__ == "__main__":
    unittest.main()
