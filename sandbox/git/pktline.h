#pragma once

#include "error.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace Fluxdeck::Sandbox {

// One packet of Git's pkt-line framing: four hexadecimal digits giving the length (themselves
// included), then the payload. "0000" is a flush, "0001" a delimiter and "0002" a response end
// (the last two belong to protocol v2). See gitprotocol-common(5).
struct PktLine
{
    enum class Kind { Data, Flush, Delimiter, ResponseEnd };

    Kind kind = Kind::Data;
    QByteArray payload;

    // The payload without its trailing LF: senders "SHOULD" add one to text lines, receivers
    // must not rely on it.
    QByteArray text() const;

    static constexpr qsizetype maxPacketSize = 65520; // LARGE_PACKET_MAX
    static constexpr qsizetype maxPayloadSize = maxPacketSize - 4; // what one packet carries
    static constexpr qsizetype smallSidebandPacketSize = 1000; // "side-band" (not -64k)

    static QByteArray encode(const QByteArray &payload); // at most maxPayloadSize bytes
    static QByteArray flush();

    // Splits data into packets of at most packetSize bytes on a side-band channel
    // (1 pack data, 2 progress, 3 fatal error).
    static QByteArray sideband(char channel, const QByteArray &data, qsizetype packetSize = maxPacketSize);

    // Every packet in stream, which must end on a packet boundary.
    static Domain::Result<QList<PktLine>> decodeAll(QByteArrayView stream);
};

} // namespace Fluxdeck::Sandbox
