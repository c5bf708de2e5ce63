// bendi — the few things on a page that need JavaScript: the comment counter, the share
// panel, the 焦点图's buttons, relative times, the reader's corner of the header, 我的, reporting, and taking part
// (sign-in by SMS, comments, likes, read counts). Reading works without it.
(function () {
  'use strict';
  // The words this script writes, from the page in the page's script (简 or 繁): see scriptText in web/messages.ts.
  var text = JSON.parse(document.body.getAttribute('data-ui-text') || '{}');

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

  showAds();

  // 广告位 (views/ad-slot.tsx): each slot carries every live ad, one shown. The page is cached and shared,
  // so the choice by weight is made here, at each view; a slot the reader closed stays closed for the
  // session. The ads shown are reported once per view, and the answer's view token goes on their links,
  // so a click counts once per view that showed the ad.
  function showAds() {
    var slots = document.querySelectorAll('[data-ad-slot]');
    if (!slots.length) return;
    var closed = readClosedSlots();
    var shown = [];
    slots.forEach(function (slot) {
      var name = slot.getAttribute('data-ad-slot');
      if (closed.indexOf(name) >= 0) { slot.hidden = true; return; }
      var ads = Array.prototype.slice.call(slot.querySelectorAll('[data-ad-id]'));
      var chosen = pickByWeight(ads);
      ads.forEach(function (ad) { ad.hidden = ad !== chosen; });
      shown.push(chosen);
      var close = chosen.querySelector('[data-ad-close]');
      if (!close) return;
      close.hidden = false;
      close.addEventListener('click', function () {
        slot.hidden = true;
        rememberClosedSlot(name);
      });
    });
    if (!shown.length) return;
    api('POST', '/api/ads/views', { adIds: shown.map(function (ad) { return Number(ad.getAttribute('data-ad-id')); }) }).then(function (data) {
      if (!data.viewToken) return;
      shown.forEach(function (ad) {
        var link = ad.querySelector('[data-ad-link]');
        link.href = link.getAttribute('href').split('?')[0] + '?v=' + encodeURIComponent(data.viewToken);
      });
    }, function () {});
  }
  function pickByWeight(ads) {
    var total = ads.reduce(function (sum, ad) { return sum + Number(ad.getAttribute('data-ad-weight')); }, 0);
    var point = Math.random() * total;
    for (var i = 0; i < ads.length; i++) {
      point -= Number(ads[i].getAttribute('data-ad-weight'));
      if (point < 0) return ads[i];
    }
    return ads[ads.length - 1];
  }
  // sessionStorage can be missing or refuse (private modes); then a closed ad is closed for this page only.
  function readClosedSlots() {
    try { return JSON.parse(sessionStorage.getItem('bendi-closed-ads') || '[]'); } catch (e) { return []; }
  }
  function rememberClosedSlot(name) {
    try { sessionStorage.setItem('bendi-closed-ads', JSON.stringify(readClosedSlots().concat([name]))); } catch (e) { /* closed for this page only */ }
  }

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

  function api(method, path, body) {
    return fetch(path, {
      method: method,
      credentials: 'same-origin',
      headers: body ? { 'content-type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    }).then(function (response) {
      if (response.status === 204) return {};
      return response.json().then(function (data) {
        if (!response.ok) throw Object.assign(new Error(data.message || text.failed), { status: response.status });
        return data;
      });
    });
  }

  // Pages are cached and shared, so they carry absolute times (2025年11月28日 08:30, with the exact
  // instant in datetime="…+08:00"); here they become what people say, counted from now: 刚刚,
  // 5分钟前, 今天 08:30, 昨天 08:30, 11月28日, 2025年11月28日. The exact time stays as the title.
  var BEIJING = 8 * 3600 * 1000;
  function beijingParts(ms) {
    var d = new Date(ms + BEIJING);
    return { y: d.getUTCFullYear(), m: d.getUTCMonth() + 1, d: d.getUTCDate(), hm: d.toISOString().slice(11, 16), day: Math.floor((ms + BEIJING) / 86400000) };
  }
  function relativeTime(ms, now) {
    var ago = now - ms;
    if (ago < -60000) return null;
    if (ago < 60000) return text.justNow;
    if (ago < 3600000) return Math.floor(ago / 60000) + text.minutesAgo;
    var t = beijingParts(ms);
    var today = beijingParts(now);
    if (t.day === today.day) return text.today + t.hm;
    if (t.day === today.day - 1) return text.yesterday + t.hm;
    return (t.y === today.y ? '' : t.y + text.year) + t.m + text.month + t.d + text.day;
  }
  function showRelativeTimes(root) {
    root.querySelectorAll('time[data-relative]').forEach(function (el) {
      var ms = Date.parse(el.getAttribute('datetime'));
      if (!el.title) el.title = el.textContent;
      var text = isNaN(ms) ? null : relativeTime(ms, Date.now());
      if (text) el.textContent = text;
    });
  }
  showRelativeTimes(document);

  // 焦点图: the frames swipe without this (CSS scroll snapping); this adds 上一张/下一张, the arrow keys, turning
  // every few seconds and the pause button (WAI-ARIA carousel pattern). It never turns while the pointer is over
  // it or focus is inside, nor for readers who asked for less motion, until they press 继续.
  document.querySelectorAll('[data-focus]').forEach(function (root) {
    var frames = root.querySelector('[data-focus-frames]');
    var controls = root.querySelector('[data-focus-controls]');
    if (!controls) return;
    var count = root.querySelector('[data-focus-count]');
    var pause = root.querySelector('[data-focus-pause]');
    var pauseLabel = root.querySelector('[data-focus-pause-label]');
    var reduced = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    var paused = reduced;
    var held = false;
    var timer = null;
    // The frame shown, or being turned to: a second press while a smooth scroll is still under way turns on
    // from there, not from wherever the scroll has got to. A swipe sets it once the scrolling settles.
    var position = 0;
    var settling = null;
    function show(i) { count.textContent = i + 1 + '/' + frames.children.length; }
    function go(i) {
      var n = frames.children.length;
      position = (i + n) % n;
      frames.scrollTo({ left: position * frames.clientWidth, behavior: reduced ? 'auto' : 'smooth' });
      show(position);
    }
    function schedule() {
      clearInterval(timer);
      timer = !paused && !held && !document.hidden ? setInterval(function () { go(position + 1); }, 5000) : null;
      // Screen readers hear the new frame when a person turns it, not every few seconds.
      frames.setAttribute('aria-live', timer ? 'off' : 'polite');
    }
    function setPaused(value) {
      paused = value;
      root.classList.toggle('is-paused', paused);
      pauseLabel.textContent = pause.getAttribute(paused ? 'data-label-play' : 'data-label-pause');
      schedule();
    }
    function hold(value) { held = value; schedule(); }
    frames.addEventListener('scroll', function () {
      clearTimeout(settling);
      settling = setTimeout(function () {
        position = Math.round(frames.scrollLeft / frames.clientWidth);
        show(position);
      }, 150);
    }, { passive: true });
    root.querySelector('[data-focus-previous]').addEventListener('click', function () { go(position - 1); });
    root.querySelector('[data-focus-next]').addEventListener('click', function () { go(position + 1); });
    pause.addEventListener('click', function () { setPaused(!paused); });
    root.addEventListener('keydown', function (event) {
      if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
      event.preventDefault();
      go(position + (event.key === 'ArrowRight' ? 1 : -1));
    });
    root.addEventListener('mouseenter', function () { hold(true); });
    root.addEventListener('mouseleave', function () { hold(root.contains(document.activeElement)); });
    root.addEventListener('focusin', function () { hold(true); });
    root.addEventListener('focusout', function (event) { if (!root.contains(event.relatedTarget)) hold(false); });
    document.addEventListener('visibilitychange', schedule);
    root.classList.add('is-live');
    setPaused(paused);
  });

  // Who is signed in is asked once per page: pages are the same for everyone.
  var reader = { signedIn: false, afterSignIn: null };
  // 401: the session ended elsewhere (退出所有设备); the server has dropped the cookie, so the reader is signed out.
  function loadReader() {
    return api('GET', '/api/me').then(showReader, function () { showReader({ reader: null, unread: 0 }); });
  }
  var meLoaded = loadReader();
  var graphemes = segmenter ? function (text) { for (var s of segmenter.segment(text)) return s.segment; return ''; } : function (text) { return Array.from(text)[0] || ''; };
  function showReader(data) {
    reader.signedIn = Boolean(data.reader);
    document.querySelectorAll('[data-sign-in-hint]').forEach(function (hint) { hint.hidden = reader.signedIn; });
    var corner = document.querySelector('[data-reader-corner]');
    if (!corner) return;
    var avatar = corner.querySelector('[data-avatar]');
    var unread = corner.querySelector('[data-unread]');
    var unreadWords = corner.querySelector('[data-unread-words]');
    avatar.hidden = !data.reader;
    avatar.textContent = data.reader ? graphemes(data.reader.nickname) : '';
    unread.hidden = !data.unread;
    unreadWords.hidden = !data.unread;
    unread.textContent = data.unread > 99 ? '99+' : String(data.unread);
  }

  // The sign-in panel is a modal dialog: Escape or 取消 closes it, and focus goes back where the reader was.
  var panel = document.querySelector('[data-sign-in]');
  var openedFrom = null;
  function openPanel() {
    if (panel.hidden) openedFrom = document.activeElement;
    panel.hidden = false;
    panel.querySelector('input[name="phone"]').focus();
  }
  function closePanel() {
    panel.hidden = true;
    reader.afterSignIn = null;
    if (openedFrom && openedFrom.focus) openedFrom.focus();
    openedFrom = null;
  }
  /** Does `then` once the reader is signed in, asking them to sign in first if need be. */
  function needSignIn(then) {
    meLoaded.then(function () {
      if (reader.signedIn) return then();
      reader.afterSignIn = then;
      if (panel) openPanel();
      else location.href = document.querySelector('[data-reader-corner]').href;
    });
  }
  // Signed out meanwhile: sign in again, and what the reader was doing is done then.
  function failed(retry, show) {
    return function (error) {
      if (error.status === 401) {
        reader.signedIn = false;
        return needSignIn(retry);
      }
      (show || alert)(error.message);
    };
  }

  if (panel) {
    var phone = panel.querySelector('input[name="phone"]');
    var code = panel.querySelector('input[name="code"]');
    var signInStatus = panel.querySelector('[data-sign-in-status]');
    var send = panel.querySelector('[data-action="send-code"]');
    panel.querySelector('[data-action="close-sign-in"]').addEventListener('click', closePanel);
    panel.addEventListener('keydown', function (event) {
      if (event.key === 'Escape') closePanel();
    });
    send.addEventListener('click', function () {
      api('POST', '/api/auth/sms-code', { phone: phone.value }).then(function () {
        signInStatus.textContent = text.codeSent;
        code.focus();
        var wait = 60;
        send.disabled = true;
        var timer = setInterval(function () {
          send.textContent = text.resendIn + '（' + --wait + '）';
          if (wait <= 0) { clearInterval(timer); send.disabled = false; send.textContent = text.getCode; }
        }, 1000);
      }, function (error) { signInStatus.textContent = error.message; });
    });
    panel.querySelector('form').addEventListener('submit', function (event) {
      event.preventDefault();
      api('POST', '/api/auth/sign-in', { phone: phone.value, code: code.value }).then(function () {
        var then = reader.afterSignIn;
        closePanel();
        meLoaded = loadReader();
        meLoaded.then(function () { if (then) then(); });
      }, function (error) { signInStatus.textContent = error.message; });
    });
  }

  // 举报: the bottom sheet sends the reason tapped, with the note if one was written.
  var sheet = document.querySelector('[data-report-sheet]');
  var toast = document.querySelector('[data-toast]');
  function showToast(text) {
    if (!toast) return alert(text);
    toast.textContent = text;
    toast.classList.add('is-shown');
    setTimeout(function () { toast.classList.remove('is-shown'); }, 4000);
  }
  var reportPath = null;
  var reportFrom = null;
  function openReport(path) {
    needSignIn(function () {
      reportPath = path;
      reportFrom = document.activeElement;
      sheet.querySelector('[data-report-status]').textContent = '';
      sheet.showModal();
    });
  }
  if (sheet) {
    var note = sheet.querySelector('textarea[name="note"]');
    // A modal dialog keeps the page behind it inert, but Tab would still leave for the browser's own bar: wrap it around.
    sheet.addEventListener('keydown', function (event) {
      if (event.key !== 'Tab') return;
      var items = sheet.querySelectorAll('textarea, button');
      var first = items[0];
      var last = items[items.length - 1];
      if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
      else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
    });
    sheet.addEventListener('close', function () {
      if (reportFrom && reportFrom.focus) reportFrom.focus();
    });
    sheet.querySelector('form').addEventListener('submit', function (event) {
      var reason = event.submitter && event.submitter.value;
      if (!reason) return;
      event.preventDefault();
      var payload = note.value.trim() ? { reason: reason, note: note.value } : { reason: reason };
      api('POST', reportPath, payload).then(function () {
        note.value = '';
        note.dispatchEvent(new Event('input'));
        sheet.close();
        showToast(toast.getAttribute('data-report-done'));
      }, failed(function () { sheet.showModal(); }, function (message) {
        sheet.querySelector('[data-report-status]').textContent = message;
      }));
    });
  }

  var marker = document.querySelector('[data-article-id]');
  if (marker) takePart(marker.getAttribute('data-article-id'));
  var mine = document.querySelector('[data-me]');
  if (mine) mySpace(mine);
  var signInHere = document.querySelector('[data-me-signed-out] [data-action="sign-in"]');
  if (signInHere) signInHere.addEventListener('click', function () {
    needSignIn(function () { location.reload(); });
  });

  function takePart(articleId) {
    var base = '/api/articles/' + articleId;
    var state = { liked: false, replyTo: null };
    var likeButton = document.querySelector('[data-action="like"]');
    var form = document.querySelector('[data-comment-form]');
    var list = document.querySelector('[data-comment-list]');

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
    api('GET', base + '/comments').then(function (data) {
      showLiked(data.liked);
      showCounts(data.counts);
      data.comments.filter(function (c) { return c.status === 'pending' && c.mine; }).forEach(addOwnComment);
    }, function () {});

    // 参与评论: the comment box, scrolled clear of the sticky bar (scroll-margin-top in site.css), ready to type in.
    var join = document.querySelector('[data-action="join-comments"]');
    if (join && form) join.addEventListener('click', function (event) {
      event.preventDefault();
      var box = form.querySelector('textarea');
      history.replaceState(null, '', '#comments');
      box.scrollIntoView({ block: 'start' });
      box.focus({ preventScroll: true });
    });

    var reportArticle = document.querySelector('[data-action="report-article"]');
    if (reportArticle && sheet) reportArticle.addEventListener('click', function (event) {
      event.preventDefault();
      openReport(base + '/reports');
    });

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
          status.textContent = data.outcome === 'held' ? text.commentHeld : text.commentPosted;
        }, failed(sendComment, function (message) { status.textContent = message; }));
      });
    });

    if (list) list.addEventListener('click', function (event) {
      var button = event.target.closest('button[data-action]');
      var item = button && button.closest('[data-comment-id]');
      if (!item) return;
      var id = Number(item.getAttribute('data-comment-id'));
      var action = button.getAttribute('data-action');
      if (action === 'reply') {
        var box = form.querySelector('textarea');
        if (!box.getAttribute('data-placeholder')) box.setAttribute('data-placeholder', box.placeholder);
        state.replyTo = id;
        box.placeholder = text.replyTo + item.getAttribute('data-nickname') + '：';
        box.focus();
      } else if (action === 'like-comment') {
        needSignIn(function likeComment() {
          var liked = button.getAttribute('aria-pressed') === 'true';
          api(liked ? 'DELETE' : 'PUT', '/api/comments/' + id + '/like').then(function (data) {
            button.setAttribute('aria-pressed', data.liked ? 'true' : 'false');
            button.querySelector('[data-comment-likes]').textContent = String(data.likes);
          }, failed(likeComment));
        });
      } else if (action === 'report' && sheet) {
        openReport('/api/comments/' + id + '/reports');
      }
    });

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
      if (comment.ipRegion) {
        var region = document.createElement('span');
        region.textContent = text.ipRegion + comment.ipRegion;
        meta.appendChild(region);
      }
      var time = document.createElement('time');
      time.setAttribute('datetime', comment.createdAt);
      time.setAttribute('data-relative', '');
      meta.appendChild(time);
      if (comment.status === 'pending') {
        var badge = document.createElement('span');
        badge.className = 'badge badge--pending';
        badge.textContent = text.pending;
        meta.appendChild(badge);
      }
      var body = document.createElement('p');
      body.className = 'comment__body';
      body.textContent = (comment.replyToNickname ? text.replyTo + comment.replyToNickname + '：' : '') + comment.body;
      li.appendChild(meta);
      li.appendChild(body);
      list.insertBefore(li, list.firstChild);
      showRelativeTimes(li);
      var empty = document.querySelector('[data-comments-empty]');
      if (empty) empty.hidden = true;
    }
  }

  // 我的: rename, delete one's own comments, sign out here or everywhere.
  function mySpace(root) {
    var rename = root.querySelector('[data-rename-form]');
    var renameStatus = root.querySelector('[data-rename-status]');
    rename.addEventListener('submit', function (event) {
      event.preventDefault();
      api('PUT', '/api/me', { nickname: rename.querySelector('input[name="nickname"]').value }).then(function (data) {
        rename.querySelector('input[name="nickname"]').value = data.reader.nickname;
        root.querySelector('[data-avatar]').textContent = graphemes(data.reader.nickname);
        renameStatus.textContent = text.nicknameSaved;
        showReader({ reader: data.reader, unread: 0 });
      }, function (error) {
        renameStatus.textContent = error.message;
        if (error.status === 401) location.reload();
      });
    });
    root.addEventListener('click', function (event) {
      var button = event.target.closest('button[data-action]');
      if (!button) return;
      var action = button.getAttribute('data-action');
      if (action === 'delete-comment') {
        var item = button.closest('[data-comment-id]');
        if (!confirm(text.confirmDeleteComment)) return;
        api('DELETE', '/api/me/comments/' + item.getAttribute('data-comment-id')).then(function () {
          item.remove();
          showToast(text.commentDeleted);
        }, function (error) { showToast(error.message); });
      } else if (action === 'sign-out' || action === 'sign-out-everywhere') {
        api('POST', action === 'sign-out' ? '/api/auth/sign-out' : '/api/auth/sign-out-everywhere').then(function () {
          location.reload();
        }, function () { location.reload(); });
      }
    });
  }
})();
