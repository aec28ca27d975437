#ifndef SEGQ_CLIBEDIT_SHIM_H
#define SEGQ_CLIBEDIT_SHIM_H

// libedit's histedit API (el_init/el_gets/history). `el_set`, `el_get` and
// `history` are C-variadic, which Swift cannot call, so the few calls the
// REPL needs are wrapped below in fixed-signature inline functions.
// The readline compatibility header is deliberately not included: its
// `history`-related names clash with histedit's and the REPL does not use it.

#include <stdio.h>
#include <sys/ioctl.h>
#include <histedit.h>

typedef char *(*segq_el_prompt_fn)(EditLine *);
typedef unsigned char (*segq_el_command_fn)(EditLine *, int);

static inline int segq_el_set_prompt(EditLine *el, segq_el_prompt_fn fn, char escape) {
    return el_set(el, EL_PROMPT_ESC, fn, escape);
}

static inline int segq_el_set_editor(EditLine *el, const char *mode) {
    return el_set(el, EL_EDITOR, mode);
}

static inline int segq_el_set_signal(EditLine *el, int handle) {
    return el_set(el, EL_SIGNAL, handle);
}

static inline int segq_el_set_history(EditLine *el, History *history_) {
    return el_set(el, EL_HIST, history, history_);
}

static inline int segq_el_add_function(EditLine *el, const char *name, const char *help,
                                       segq_el_command_fn fn) {
    return el_set(el, EL_ADDFN, name, help, fn);
}

static inline int segq_el_bind(EditLine *el, const char *key, const char *function) {
    return el_set(el, EL_BIND, key, function, (const char *)NULL);
}

/// `setty -d <mode>`: changes one tty mode flag while editing (e.g. "-isig").
static inline int segq_el_set_edit_tty_mode(EditLine *el, const char *mode) {
    return el_set(el, EL_SETTY, "-d", mode, (const char *)NULL);
}

static inline int segq_el_set_client_data(EditLine *el, void *data) {
    return el_set(el, EL_CLIENTDATA, data);
}

static inline void *segq_el_client_data(EditLine *el) {
    void *data = NULL;
    if (el_get(el, EL_CLIENTDATA, &data) != 0) return NULL;
    return data;
}

static inline int segq_history_set_size(History *h, int size) {
    HistEvent event;
    return history(h, &event, H_SETSIZE, size);
}

static inline int segq_history_set_unique(History *h, int unique) {
    HistEvent event;
    return history(h, &event, H_SETUNIQUE, unique);
}

static inline int segq_history_enter(History *h, const char *entry) {
    HistEvent event;
    return history(h, &event, H_ENTER, entry);
}

static inline int segq_history_load(History *h, const char *path) {
    HistEvent event;
    return history(h, &event, H_LOAD, path);
}

static inline int segq_history_save(History *h, const char *path) {
    HistEvent event;
    return history(h, &event, H_SAVE, path);
}

/// Moves through the history: `H_FIRST` (newest), `H_LAST` (oldest),
/// `H_NEXT` (older), `H_PREV` (newer). Returns the entry, or NULL at an end.
static inline const char *segq_history_step(History *h, int op) {
    HistEvent event;
    if (history(h, &event, op) == -1) return NULL;
    return event.str;
}

/// Columns of the terminal on `fd`, or 0 when it is not a terminal.
/// (`ioctl` is variadic too.)
static inline int segq_terminal_columns(int fd) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) return 0;
    return size.ws_col;
}

/// Lines of the terminal on `fd`, or 0 when it is not a terminal.
static inline int segq_terminal_rows(int fd) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) return 0;
    return size.ws_row;
}

#endif
