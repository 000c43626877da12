#ifndef TRACEMAP_CPNG_SHIM_H
#define TRACEMAP_CPNG_SHIM_H
#include <png.h>
#include <zlib.h>
#endif
