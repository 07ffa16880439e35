#pragma once

#include "error.h"

#include <QByteArray>

namespace Fluxdeck::Test {

// A failed Result's error as QVERIFY2's message. QVERIFY2 evaluates its message even when the
// check passes, and reading error() of a successful Result is undefined: this never does.
template<typename T>
const char *failureText(const Domain::Result<T> &result)
{
    thread_local QByteArray text;
    text = result ? QByteArray() : result.error().toString().toUtf8();
    return text.constData();
}

} // namespace Fluxdeck::Test
