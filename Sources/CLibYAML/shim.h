#ifndef ROLLCALL_CLIBYAML_SHIM_H
#define ROLLCALL_CLIBYAML_SHIM_H
#include <yaml.h>
#endif
