#pragma once

#include <QString>

#include <expected>

namespace Fluxdeck::Domain {

// What went wrong, in words a person can act on, plus the technical detail behind it.
// Later layers add HTTP status, ARM codes and request ids; every failure travels as a value.
struct Error
{
    QString message;  // translated, says what happened and how to fix it
    QString detail;   // untranslated technical detail (codes, ids, raw text)

    QString toString() const;
};

template<typename T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> failure(QString message, QString detail = {})
{
    return std::unexpected<Error>(Error{std::move(message), std::move(detail)});
}

} // namespace Fluxdeck::Domain
