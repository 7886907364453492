#ifndef LOOPLENS_CNCURSESW_SHIM_H
#define LOOPLENS_CNCURSESW_SHIM_H
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <langinfo.h>
#include <ncursesw/curses.h>

// ncurses defines these as function-like macros, which Swift cannot import.
static inline int looplens_color_pair(short pair) { return (int)COLOR_PAIR(pair); }
static inline attr_t looplens_attribute_reverse(void) { return A_REVERSE; }
static inline attr_t looplens_attribute_bold(void) { return A_BOLD; }
static inline attr_t looplens_attribute_dim(void) { return A_DIM; }
static inline attr_t looplens_attribute_underline(void) { return A_UNDERLINE; }
static inline mmask_t looplens_mouse_all(void) { return ALL_MOUSE_EVENTS; }
static inline mmask_t looplens_mouse_click(void) { return BUTTON1_CLICKED | BUTTON1_PRESSED | BUTTON1_RELEASED; }
static inline mmask_t looplens_mouse_wheel_up(void) { return BUTTON4_PRESSED; }
static inline mmask_t looplens_mouse_wheel_down(void) { return BUTTON5_PRESSED; }

// C globals, which Swift 6 will not read directly because they are shared mutable state.
static inline WINDOW *looplens_standard_screen(void) { return stdscr; }
static inline SCREEN *looplens_new_terminal(FILE *input) { return newterm(NULL, stdout, input); }
static inline int looplens_columns(void) { return COLS; }
static inline int looplens_lines(void) { return LINES; }
static inline int looplens_locale_is_utf8(void) {
    const char *codeset = nl_langinfo(CODESET);
    return codeset != NULL && codeset[0] == 'U' && codeset[1] == 'T' && codeset[2] == 'F' && codeset[3] == '-' && codeset[4] == '8';
}
#endif
