// hireguard::codecs: the canonical lifecycle's JSON codecs compiled once. A
// program that links this library (which defines HIREGUARD_COMPILED_CODECS
// for it) sees `extern template` declarations in <hireguard/json/events.hpp>
// and <hireguard/json/snapshot.hpp> and instantiates none of these itself.
#include <string>
#include <string_view>

#include <boost/json.hpp>

#include <hireguard/hiring/job.hpp>
#include <hireguard/hiring/lifecycle.hpp>
#include <hireguard/hiring/machine.hpp>
#include <hireguard/json/events.hpp>
#include <hireguard/json/snapshot.hpp>

namespace hireguard {

template basic_logged_event<lifecycle> decode_event<lifecycle>(std::string_view);
template std::string encode_event<lifecycle>(basic_logged_event<lifecycle> const&);

template boost::json::object snapshot<lifecycle>(basic_machine<lifecycle> const&);
template std::string snapshot_text<lifecycle>(basic_machine<lifecycle> const&);
template basic_machine<lifecycle> restore<lifecycle>(boost::json::value const&);
template basic_machine<lifecycle> restore<lifecycle>(std::string_view);
template boost::json::object snapshot<lifecycle>(basic_job<lifecycle> const&);
template std::string snapshot_text<lifecycle>(basic_job<lifecycle> const&);
template basic_job<lifecycle> restore_job<lifecycle>(boost::json::value const&);
template basic_job<lifecycle> restore_job<lifecycle>(std::string_view);

}  // namespace hireguard
