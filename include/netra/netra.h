/*
 * netra.h - umbrella header of libnetra, the library behind the `netra` CLI and `netrad`.
 *
 * libnetra holds every business rule of Netra: the law as data (forms of violation,
 * sanctions, the ethics/discipline classification rule, election stages), regions,
 * identifiers and the working-day calendar. Include this header, or the module headers.
 */
#ifndef NETRA_NETRA_H
#define NETRA_NETRA_H

#define NETRA_VERSION_MAJOR 0
#define NETRA_VERSION_MINOR 1
#define NETRA_VERSION_PATCH 0
#define NETRA_VERSION       "0.1.0"

#include "netra/common.h"
#include "netra/error.h"
#include "netra/date.h"
#include "netra/calendar.h"
#include "netra/law.h"
#include "netra/region.h"
#include "netra/ident.h"
#include "netra/arena.h"
#include "netra/text.h"
#include "netra/election.h"
#include "netra/case.h"
#include "netra/store.h"
#include "netra/index.h"
#include "netra/auth.h"

#endif
