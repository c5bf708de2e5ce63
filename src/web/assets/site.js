// bendi — the few things on a page that need JavaScript: the comment counter, the share
// panel, and taking part (sign-in by SMS, comments, likes, read counts). Reading works without it.
(function () {
  'use strict';

  // Counts as a person does: each Chinese character, letter or emoji is one.
  var segmenter = typeof Intl !== 'undefined' && Intl.Segmenter ? new Intl.Segmenter('zh', { granularity: 'grapheme' }) : null;
  function personLength(text) {
    if (!segmenter) return Array.from(text).length;
    var n = 0;
    for (var _ of segmenter.segment(text)) n++;
    return n;
  }

  document.querySelectorAll('textarea[data-counter]').forEach(function (box) {
    var counter = document.getElementById(box.getAttribute('data-counter'));
    var max = Number(box.getAttribute('data-max-length')) || 300;
    if (!counter) return;
    function update() {
      var n = personLength(box.value);
      counter.textContent = n + '/' + max;
      counter.classList.toggle('is-over', n > max);
    }
    box.addEventListener('input', update);
    update();
  });

  // The share panel closes when the reader taps elsewhere or presses Escape.
  document.querySelectorAll('details.share').forEach(function (details) {
    document.addEventListener('click', function (event) {
      if (details.open && !details.contains(event.target)) details.open = false;
    });
    document.addEventListener('keydown', function (event) {
      if (event.key === 'Escape' && details.open) {
        details.open = false;
        details.querySelector('summary').focus();
      }
    });
    offerSharing(details);
  });

  // Inside WeChat, sharing is its ··· menu, so the panel says so and offers the link; elsewhere the QR code
  // (for WeChat on a phone), the link, and the system share sheet where the browser has one.
  function offerSharing(details) {
    var inWechat = /MicroMessenger/i.test(navigator.userAgent);
    var copy = details.querySelector('[data-share-action="copy"]');
    var system = details.querySelector('[data-share-action="system"]');
    var status = details.querySelector('[data-share-status]');
    var url = copy.getAttribute('data-url');
    details.querySelectorAll('[data-share="qr"]').forEach(function (el) { el.hidden = inWechat; });
    details.querySelector('[data-share="wechat"]').hidden = !inWechat;
    copy.hidden = false;
    copy.addEventListener('click', function () {
      var done = function () { status.textContent = copy.getAttribute('data-copied'); };
      var failed = function () { status.textContent = copy.getAttribute('data-failed'); };
      if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(url).then(done, failed);
      else failed();
    });
    if (!inWechat && navigator.share) {
      system.hidden = false;
      system.addEventListener('click', function () {
        navigator.share({ title: meta('og:title') || document.title, text: meta('og:description'), url: url }).catch(function () {});
      });
    }
    var sdk = details.getAttribute('data-wechat-sdk');
    if (inWechat && sdk) configureWechatCard(sdk, url);
  }

  function meta(property) {
    var tag = document.querySelector('meta[property="' + property + '"]');
    return tag ? tag.getAttribute('content') : '';
  }

  // The share card (title, summary, picture) WeChat shows for this page. When anything fails,
  // WeChat still shares the page, described by its Open Graph tags.
  function configureWechatCard(sdkUrl, shareUrl) {
    var script = document.createElement('script');
    script.src = sdkUrl;
    script.onload = function () {
      fetch('/api/wechat/js-config?url=' + encodeURIComponent(location.href.split('#')[0]), { credentials: 'same-origin' })
        .then(function (response) { return response.ok ? response.json() : Promise.reject(response.status); })
        .then(function (config) {
          var wx = window.wx;
          wx.config({ debug: false, appId: config.appId, timestamp: config.timestamp, nonceStr: config.nonceStr, signature: config.signature, jsApiList: ['updateAppMessageShareData', 'updateTimelineShareData'] });
          wx.ready(function () {
            var card = { title: meta('og:title') || document.title, desc: meta('og:description'), link: shareUrl, imgUrl: meta('og:image') };
            wx.updateAppMessageShareData(card);
            wx.updateTimelineShareData({ title: card.title, link: card.link, imgUrl: card.imgUrl });
          });
        })
        .catch(function () {});
    };
    document.head.appendChild(script);
  }

  var marker = document.querySelector('[data-article-id]');
  if (marker) takePart(marker.getAttribute('data-article-id'));

  function takePart(articleId) {
    var base = '/api/articles/' + articleId;
    var state = { signedIn: false, liked: false, afterSignIn: null, replyTo: null };
    var likeButton = document.querySelector('[data-action="like"]');
    var form = document.querySelector('[data-comment-form]');
    var list = document.querySelector('[data-comment-list]');
    var panel = document.querySelector('[data-sign-in]');

    function api(method, path, body) {
      return fetch(path, {
        method: method,
        credentials: 'same-origin',
        headers: body ? { 'content-type': 'application/json' } : {},
        body: body ? JSON.stringify(body) : undefined,
      }).then(function (response) {
        if (response.status === 204) return {};
        return response.json().then(function (data) {
          if (!response.ok) throw Object.assign(new Error(data.message || '操作失败，请稍后再试。'), { status: response.status });
          return data;
        });
      });
    }

    // Every count on the page comes from one answer, so they always agree.
    function showCounts(counts) {
      ['reads', 'likes', 'comments'].forEach(function (name) {
        if (typeof counts[name] !== 'number') return;
        document.querySelectorAll('[data-count="' + name + '"]').forEach(function (el) {
          el.textContent = String(counts[name]);
        });
      });
    }
    function showLiked(liked) {
      state.liked = liked;
      if (likeButton) likeButton.setAttribute('aria-pressed', liked ? 'true' : 'false');
    }

    api('POST', base + '/reads').then(function (data) { showCounts(data.counts); }, function () {});
    // Whether the reader is signed in is only known once this answers: a tap before then waits for it.
    var loaded = api('GET', base + '/comments').then(function (data) {
      state.signedIn = data.signedIn;
      showLiked(data.liked);
      showCounts(data.counts);
      data.comments.filter(function (c) { return c.status === 'pending' && c.mine; }).forEach(addOwnComment);
    }, function () {});

    function needSignIn(then) {
      loaded.then(function () {
        if (state.signedIn) return then();
        state.afterSignIn = then;
        openPanel();
      });
    }

    // The sign-in panel is a modal dialog: Escape or 取消 closes it, and focus goes back where the reader was.
    var openedFrom = null;
    function openPanel() {
      if (panel.hidden) openedFrom = document.activeElement;
      panel.hidden = false;
      panel.querySelector('input[name="phone"]').focus();
    }
    function closePanel() {
      panel.hidden = true;
      state.afterSignIn = null;
      if (openedFrom && openedFrom.focus) openedFrom.focus();
      openedFrom = null;
    }

    if (likeButton) likeButton.addEventListener('click', function () {
      needSignIn(function like() {
        api(state.liked ? 'DELETE' : 'PUT', base + '/like').then(function (data) {
          showLiked(data.liked);
          showCounts({ likes: data.likes });
        }, failed(like));
      });
    });

    if (form) form.addEventListener('submit', function (event) {
      event.preventDefault();
      var box = form.querySelector('textarea');
      var status = form.querySelector('[data-form-status]');
      var body = box.value.trim();
      if (!body) return box.focus();
      needSignIn(function sendComment() {
        var payload = state.replyTo ? { body: body, replyTo: state.replyTo } : { body: body };
        api('POST', base + '/comments', payload).then(function (data) {
          box.value = '';
          box.dispatchEvent(new Event('input'));
          state.replyTo = null;
          box.placeholder = box.getAttribute('data-placeholder') || box.placeholder;
          addOwnComment(data.comment);
          status.textContent = data.outcome === 'held' ? '评论已提交，审核通过后其他读者才能看到。' : '评论已发表。';
        }, function (error) {
          if (error.status !== 401) return (status.textContent = error.message);
          state.signedIn = false;
          needSignIn(sendComment);
        });
      });
    });

    if (list) list.addEventListener('click', function (event) {
      var button = event.target.closest('button[data-action]');
      var item = button && button.closest('[data-comment-id]');
      if (!item) return;
      var id = Number(item.getAttribute('data-comment-id'));
      if (button.getAttribute('data-action') === 'reply') {
        var box = form.querySelector('textarea');
        if (!box.getAttribute('data-placeholder')) box.setAttribute('data-placeholder', box.placeholder);
        state.replyTo = id;
        box.placeholder = '回复 @' + item.getAttribute('data-nickname') + '：';
        box.focus();
      } else if (button.getAttribute('data-action') === 'like-comment') {
        needSignIn(function likeComment() {
          var liked = button.getAttribute('aria-pressed') === 'true';
          api(liked ? 'DELETE' : 'PUT', '/api/comments/' + id + '/like').then(function (data) {
            button.setAttribute('aria-pressed', data.liked ? 'true' : 'false');
            button.querySelector('[data-comment-likes]').textContent = String(data.likes);
          }, failed(likeComment));
        });
      } else {
        var reason = window.prompt('举报理由（填写数字）：1 垃圾广告  2 辱骂攻击  3 违法违规  4 谣言  5 泄露隐私  6 其他', '1');
        var reasons = ['spam', 'abuse', 'illegal', 'rumor', 'privacy', 'other'];
        if (!reason || !reasons[Number(reason) - 1]) return;
        needSignIn(function report() {
          api('POST', '/api/comments/' + id + '/reports', { reason: reasons[Number(reason) - 1] }).then(function () {
            alert('已收到您的举报，我们会尽快处理。');
          }, failed(report));
        });
      }
    });

    // The API sends times in UTC (2026-12-01T16:08:14.000Z); pages show Beijing time (2026/12/02 00:08:14) whatever the phone's zone.
    function beijingTime(iso) {
      return new Date(Date.parse(iso) + 8 * 3600 * 1000).toISOString().slice(0, 19).replace('T', ' ').replace(/-/g, '/');
    }

    // The reader's own new or pending comment, built with textContent only: reader text never becomes markup.
    function addOwnComment(comment) {
      var li = document.createElement('li');
      li.className = 'comment comment--own';
      li.id = 'c-' + comment.id;
      var meta = document.createElement('p');
      meta.className = 'comment__meta';
      var author = document.createElement('strong');
      author.textContent = comment.nickname;
      meta.appendChild(author);
      [comment.ipRegion ? 'IP属地：' + comment.ipRegion : '', beijingTime(comment.createdAt)].forEach(function (text) {
        if (!text) return;
        var span = document.createElement('span');
        span.textContent = text;
        meta.appendChild(span);
      });
      if (comment.status === 'pending') {
        var badge = document.createElement('span');
        badge.className = 'badge badge--pending';
        badge.textContent = '待审核';
        meta.appendChild(badge);
      }
      var body = document.createElement('p');
      body.className = 'comment__body';
      body.textContent = (comment.replyToNickname ? '回复 @' + comment.replyToNickname + '：' : '') + comment.body;
      li.appendChild(meta);
      li.appendChild(body);
      list.insertBefore(li, list.firstChild);
      var empty = document.querySelector('[data-comments-empty]');
      if (empty) empty.hidden = true;
    }

    // Signed out meanwhile: sign in again, and what the reader was doing is done then.
    function failed(retry) {
      return function (error) {
        if (error.status === 401) {
          state.signedIn = false;
          return needSignIn(retry);
        }
        alert(error.message);
      };
    }

    if (panel) {
      var phone = panel.querySelector('input[name="phone"]');
      var code = panel.querySelector('input[name="code"]');
      var status = panel.querySelector('[data-sign-in-status]');
      var send = panel.querySelector('[data-action="send-code"]');
      panel.querySelector('[data-action="close-sign-in"]').addEventListener('click', closePanel);
      panel.addEventListener('keydown', function (event) {
        if (event.key === 'Escape') closePanel();
      });
      send.addEventListener('click', function () {
        api('POST', '/api/auth/sms-code', { phone: phone.value }).then(function () {
          status.textContent = '验证码已发送，5 分钟内有效。';
          code.focus();
          var wait = 60;
          send.disabled = true;
          var timer = setInterval(function () {
            send.textContent = '重新获取（' + --wait + '）';
            if (wait <= 0) { clearInterval(timer); send.disabled = false; send.textContent = '获取验证码'; }
          }, 1000);
        }, function (error) { status.textContent = error.message; });
      });
      panel.querySelector('form').addEventListener('submit', function (event) {
        event.preventDefault();
        api('POST', '/api/auth/sign-in', { phone: phone.value, code: code.value }).then(function () {
          state.signedIn = true;
          var then = state.afterSignIn;
          closePanel();
          if (then) then();
        }, function (error) { status.textContent = error.message; });
      });
    }
  }
})();
