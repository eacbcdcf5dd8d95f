// What every file of the binding shares: the SQLite API pointer and the one error guard that
// turns C++ exceptions into SQLite's language. Only ext/vtab includes sqlite3ext.h.
#pragma once

#include <sqlite3ext.h>

#include <new>
#include <stdexcept>
#include <string>

#include "core/scan.hpp"

SQLITE_EXTENSION_INIT3

// Functions that return JSON declare it (SQLite 3.45 and later check; earlier ones ignore it).
#ifndef SQLITE_RESULT_SUBTYPE
#define SQLITE_RESULT_SUBTYPE 0x001000000
#endif

namespace articles {

// A bad SQL argument or option: an SQL error whose message names the argument.
class SqlError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The statement was interrupted (sqlite3_interrupt, or a progress handler asking to stop) while
// a scan ran inside one callback: the callback returns SQLITE_INTERRUPT.
class Interrupted : public std::runtime_error {
 public:
  Interrupted() : std::runtime_error("interrupted") {}
};

// Replaces the error message of a virtual table, freeing the old one.
inline void set_vtab_error(sqlite3_vtab* vtab, const std::string& message) {
  sqlite3_free(vtab->zErrMsg);
  vtab->zErrMsg = sqlite3_mprintf("%s", message.c_str());
}

// Runs `body` (returning an SQLite result code) so that no exception escapes:
// std::bad_alloc -> SQLITE_NOMEM; Interrupted -> SQLITE_INTERRUPT; SqlError and ScanError ->
// SQLITE_ERROR "<table>: <message>";
// anything else -> SQLITE_ERROR "<table>: internal error: <what>".
template <class Body>
int guard(sqlite3_vtab* vtab, const char* table, Body&& body) noexcept {
  try {
    return body();
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;
  } catch (const Interrupted&) {
    return SQLITE_INTERRUPT;
  } catch (const SqlError& e) {
    if (vtab) set_vtab_error(vtab, std::string(table) + ": " + e.what());
  } catch (const ScanError& e) {
    if (vtab) set_vtab_error(vtab, std::string(table) + ": " + e.what());
  } catch (const std::exception& e) {
    if (vtab) set_vtab_error(vtab, std::string(table) + ": internal error: " + e.what());
  } catch (...) {
    if (vtab) set_vtab_error(vtab, std::string(table) + ": internal error");
  }
  return SQLITE_ERROR;
}

// The same for a scalar function: the error becomes the function's SQL error.
template <class Body>
void guard_function(sqlite3_context* ctx, const char* name, Body&& body) noexcept {
  try {
    body();
    return;
  } catch (const std::bad_alloc&) {
    sqlite3_result_error_nomem(ctx);
    return;
  } catch (const SqlError& e) {
    std::string m = std::string(name) + ": " + e.what();
    sqlite3_result_error(ctx, m.c_str(), -1);
  } catch (const std::exception& e) {
    std::string m = std::string(name) + ": internal error: " + e.what();
    sqlite3_result_error(ctx, m.c_str(), -1);
  } catch (...) {
    std::string m = std::string(name) + ": internal error";
    sqlite3_result_error(ctx, m.c_str(), -1);
  }
}

}  // namespace articles
