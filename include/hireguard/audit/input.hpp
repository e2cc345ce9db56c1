// Reading the log: from its start to its end of file in one pass, in chunks
// of whole lines, each handed to the thread that asks for it next. Files,
// pipes, stdin and files that report a size of 0 (/proc) are all read until
// the end of file. POSIX (open, read, fstat).
#ifndef HIREGUARD_AUDIT_INPUT_HPP
#define HIREGUARD_AUDIT_INPUT_HPP

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstring>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace hireguard::audit {

/// Thrown when the log cannot be audited at all: a file that cannot be
/// opened or read, threads that cannot be started, a report that cannot be
/// written, an invalid policy. The command line exits with 2
/// (`exit_unusable`) and prints `what()`.
///
///     try {
///         hireguard::audit::audit_log(opt, std::cout);
///     } catch (hireguard::audit::unusable const& e) {
///         std::cerr << e.what() << '\n';   // "cannot open events.jsonl: No such file or directory"
///     }
struct unusable : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// A growable byte buffer that, unlike `std::string`, does not zero what it
/// is about to read into: a chunk of the log.
///
///     hireguard::audit::chunk_buffer b;
///     b.append("{\"job\": 1}\n");
///     assert(b.view() == "{\"job\": 1}\n");
class chunk_buffer {
public:
    /// Bytes held.
    [[nodiscard]] std::size_t size() const noexcept { return size_; }
    /// The bytes, writable.
    [[nodiscard]] char* data() noexcept { return data_.get(); }
    /// The bytes.
    [[nodiscard]] std::string_view view() const noexcept { return {data_.get(), size_}; }
    /// Holds nothing; keeps its memory.
    void clear() noexcept { size_ = 0; }
    /// Makes room for `n` more bytes and returns where they go.
    char* extend(std::size_t n) {
        if (size_ + n > capacity_) {
            std::size_t const capacity = std::max(size_ + n, capacity_ * 2);
            std::unique_ptr<char[]> bigger(new char[capacity]);
            if (size_ != 0) std::memcpy(bigger.get(), data_.get(), size_);
            data_ = std::move(bigger);
            capacity_ = capacity;
        }
        char* const at = data_.get() + size_;
        size_ += n;
        return at;
    }
    /// Appends `s`.
    void append(std::string_view s) {
        if (!s.empty()) std::memcpy(extend(s.size()), s.data(), s.size());
    }
    /// Keeps the first `n` bytes at most.
    void resize_down(std::size_t n) noexcept { size_ = std::min(size_, n); }

private:
    std::unique_ptr<char[]> data_;
    std::size_t size_ = 0;
    std::size_t capacity_ = 0;
};

/// The log, read from start to end in one pass and handed out in chunks of
/// whole lines, each to the thread that asks for it next; that thread reads
/// its chunk into a buffer of its own under the source's lock (reading costs
/// a few milliseconds a chunk, decoding it a hundred), and decodes it while
/// the others read.
///
/// Memory stays bounded on any input: a line longer than `max_line` is cut
/// after `max_line + 1` bytes (the decoder reports it malformed for its
/// length) and the rest of it is read and dropped, so a chunk holds at most
/// about `chunk_bytes + max_line` bytes, and what is carried from one chunk
/// to the next is one partial line of at most `max_line` bytes.
///
///     hireguard::audit::log_source in("events.jsonl", 1 << 20, 4096);   // throws unusable
///     hireguard::audit::chunk_buffer text;
///     while (in.next(text, [](std::size_t chunk) { /* chunk 0, 1, ... in file order */ })) {
///         // text.view(): whole lines
///     }
class log_source {
public:
    /// Opens `name` ("-" is stdin). Throws `unusable` for a file that cannot
    /// be opened or is a directory.
    log_source(std::string const& name, std::size_t chunk_bytes, std::size_t max_line)
        : chunk_bytes_(chunk_bytes), max_line_(max_line) {
        if (name == "-") {
            fd_ = STDIN_FILENO;
            name_ = "stdin";
        } else {
            fd_ = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
            if (fd_ < 0) throw unusable("cannot open " + name + ": " + std::strerror(errno));
            owned_ = true;
            name_ = name;
        }
        struct ::stat st {};
        if (::fstat(fd_, &st) != 0) {
            close_owned();
            throw unusable("cannot read " + name_ + ": " + std::strerror(errno));
        }
        if (S_ISDIR(st.st_mode)) {
            close_owned();
            throw unusable("cannot read " + name_ + ": it is a directory");
        }
        if (S_ISREG(st.st_mode)) {
            size_hint_ = static_cast<std::size_t>(st.st_size);
#if defined(POSIX_FADV_SEQUENTIAL)
            ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
        }
    }
    log_source(log_source const&) = delete;
    log_source& operator=(log_source const&) = delete;
    ~log_source() {
        close_owned();
    }

    /// What the file says its size is (0 when it does not know): for a
    /// progress bar only.
    [[nodiscard]] std::size_t size_hint() const noexcept {
        return size_hint_;
    }

    /// The next chunk: whole lines (the last one may lack its newline), into
    /// `text`. Calls `start(index)` under the lock with the chunk's number,
    /// in file order. Returns false at the end of the log. Throws `unusable`
    /// when the log cannot be read.
    template <class Start>
    bool next(chunk_buffer& text, Start const& start) {
        std::lock_guard<std::mutex> lock(mutex_);
        text.clear();
        text.append(carry_.view());
        carry_.clear();
        // Where the line that is not yet ended begins in `text`.
        std::size_t line_start = 0;
        bool whole_line = false;  // `text` holds at least one newline
        while (!eof_ && !(whole_line && text.size() >= chunk_bytes_)) {
            // A chunk's worth, or more of a line that began before the chunk's end.
            std::size_t const want =
                text.size() < chunk_bytes_ ? chunk_bytes_ - text.size() : std::min<std::size_t>(chunk_bytes_, 65536);
            std::size_t const old = text.size();
            char* const into = text.extend(want);
            ssize_t const got = ::read(fd_, into, want);
            if (got < 0) {
                text.resize_down(old);
                if (errno == EINTR) continue;
                eof_ = true;
                throw unusable("cannot read " + name_ + ": " + std::strerror(errno));
            }
            text.resize_down(old + static_cast<std::size_t>(got));
            if (got == 0) {
                eof_ = true;
                break;
            }
            if (skipping_) {
                // The rest of a line that was too long: dropped up to its end.
                std::string_view const fresh = text.view().substr(old);
                std::size_t const nl = fresh.find('\n');
                if (nl == std::string_view::npos) {
                    text.resize_down(old);
                    continue;
                }
                std::string_view const rest = fresh.substr(nl + 1);
                std::memmove(text.data() + old, rest.data(), rest.size());
                text.resize_down(old + rest.size());
                skipping_ = false;
            }
            if (std::size_t const nl = text.view().substr(old).rfind('\n'); nl != std::string_view::npos) {
                whole_line = true;
                line_start = old + nl + 1;
            }
            if (text.size() - line_start > max_line_) {
                // Too long: keep limit + 1 bytes of it, enough to say so, and
                // drop the rest up to its newline.
                text.resize_down(line_start + max_line_ + 1);
                text.append("\n");
                line_start = text.size();
                whole_line = true;
                skipping_ = true;
            }
        }
        if (!eof_) {
            // The unended line waits for the next chunk.
            carry_.append(text.view().substr(line_start));
            text.resize_down(line_start);
        }
        if (text.size() == 0) return false;  // the end of the log
        start(chunks_++);
        return true;
    }

private:
    void close_owned() noexcept {
        if (owned_) ::close(fd_);
        owned_ = false;
    }

    std::size_t chunk_bytes_;
    std::size_t max_line_;
    int fd_ = -1;
    bool owned_ = false;
    std::string name_;
    std::size_t size_hint_ = 0;
    std::mutex mutex_;
    chunk_buffer carry_;
    bool eof_ = false;
    bool skipping_ = false;
    std::size_t chunks_ = 0;
};

}  // namespace hireguard::audit

#endif
